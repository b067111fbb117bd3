using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>
/// A chunked payload read on several connections at once (<see cref="PostgresStoreSettings.ReadLanes"/>) comes back
/// byte for byte; a bad chunk or a lane's backend killed mid-read is a miss that leaves no statement running and no
/// connection behind.
/// </summary>
[TestFixture]
public sealed class ReadLanesTests : StoreFixture
{
    private const string LaneQuery = "SELECT ordinal, data FROM memogen.chunk_piece%";
    private const string OtherClients = "datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'";
    private static readonly EntryKey Key = new("read_lanes", "v1", new MemoHash128(3, 4));

    [TestCase(1, 100_000, 90_000, 1)]
    [TestCase(2, 100_000, 90_000, 1)]
    [TestCase(3, 100_000, 90_000, 1)]
    [TestCase(1, 100_000, 400_000, 4)]
    [TestCase(2, 100_000, 400_000, 4)]
    [TestCase(3, 100_000, 400_000, 4)]
    [TestCase(1, 100_000, 650_001, 7)]
    [TestCase(2, 100_000, 650_001, 7)]
    [TestCase(3, 100_000, 650_001, 7)]
    [TestCase(2, 10_000, 700_003, 71)]
    [TestCase(3, 10_000, 700_003, 71)]
    public async Task A_chunked_payload_comes_back_byte_for_byte_on_any_number_of_lanes(int lanes, int chunkSize, int length, int chunks)
    {
        byte[] payload = await PublishAsync(chunkSize, length);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry_chunk"), Is.EqualTo(chunks));

        PostgresStore reader = OpenStore(settings: SharedWorker.FastSettings with { ReadLanes = lanes });
        var read = new MemoryStream();
        Assert.That(await Task.Run(() => reader.TryRead(Key, read)).WaitAsync(Patience), Is.True);

        Assert.That(read.ToArray(), Is.EqualTo(payload));
        await AssertNothingRunsAsync();
    }

    [Test]
    public async Task A_bad_piece_in_a_chunk_of_the_second_lane_is_a_miss_and_the_value_is_computed_again()
    {
        byte[] payload = await PublishAsync(chunkSize: 100_000, length: 650_001);
        await ScalarAsync<int>(
            """
            UPDATE memogen.chunk_piece SET data = overlay(data placing '\x00'::bytea from 100)
            WHERE ordinal = 3 AND chunk_hash = (SELECT chunk_hash FROM memogen.entry_chunk WHERE ordinal = 1) RETURNING 1
            """);

        int executions = 0;
        PostgresStore reader = OpenStore(settings: SharedWorker.FastSettings with { ReadLanes = 2 });
        byte[] result = await SharedWorker.GetOrComputeAsync(reader, Key, _ =>
        {
            executions++;
            return Task.FromResult(payload);
        }, CancellationToken.None).WaitAsync(Patience);

        Assert.That(result, Is.EqualTo(payload));
        Assert.That(executions, Is.EqualTo(1), "the bad entry was not served");
        Assert.That(Log.Messages(LogLevel.Warning), Has.Some.Contains("does not match its hash"));
        await AssertNothingRunsAsync();
        await AssertNoConnectionLeftAfterDisposingAsync(reader);
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task A_read_whose_lane_backend_is_terminated_is_a_miss_and_leaves_nothing_running(int lane)
    {
        // 100 chunks, 50 a lane: two batches each, so a lane always has statements left to send when its backend dies.
        await PublishAsync(chunkSize: 10_000, length: 1_000_000);
        PostgresStore reader = OpenStore(settings: SharedWorker.FastSettings with { ReadLanes = 2 });
        using var destination = new GatedStream(Patience);

        Task<bool> reading = Task.Run(() => reader.TryRead(Key, destination));
        await destination.FirstWrite.WaitAsync(Patience);
        // The first lane's connection found the entry; the second lane connected after it.
        await WaitUntilAsync($"SELECT count(*) = 2 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '{LaneQuery}'");
        Assert.That(
            await ScalarAsync<bool>(
                $"""
                SELECT pg_terminate_backend(pid) FROM (
                    SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '{LaneQuery}' ORDER BY backend_start OFFSET {lane} LIMIT 1) lane
                """),
            Is.True);
        destination.Open();

        Assert.That(await reading.WaitAsync(Patience), Is.False, "a read cut short is a miss");
        await AssertNothingRunsAsync();
        await AssertNoConnectionLeftAfterDisposingAsync(reader);
    }

    /// <summary>Publishes a random payload of <paramref name="length"/> bytes under <see cref="Key"/>, cut into chunks of <paramref name="chunkSize"/>.</summary>
    private async Task<byte[]> PublishAsync(int chunkSize, int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        await using var writer = new PostgresStore(ConnectionString, Log, SharedWorker.FastSettings with { ChunkSize = chunkSize });
        await SharedWorker.GetOrComputeAsync(writer, Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);
        return payload;
    }

    /// <summary>No other session of this database runs a statement (a lane left reading would).</summary>
    private async Task AssertNothingRunsAsync() =>
        Assert.That(
            await ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE {OtherClients} AND state <> 'idle'"),
            Is.Zero);

    /// <summary>Once the store is disposed, no session of this database is left: every lane handed its connection back to the pool.</summary>
    private async Task AssertNoConnectionLeftAfterDisposingAsync(PostgresStore store)
    {
        await DisposeNowAsync(store);
        await WaitUntilAsync($"SELECT count(*) = 0 FROM pg_stat_activity WHERE {OtherClients}");
    }

    private async Task WaitUntilAsync(string condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!await ScalarAsync<bool>(condition))
        {
            await Task.Delay(20, patience.Token);
        }
    }

    /// <summary>A destination whose first write blocks until the test opens it (at most the patience given).</summary>
    private sealed class GatedStream(TimeSpan patience) : MemoryStream
    {
        private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _open = new();

        public Task FirstWrite => _firstWrite.Task;

        public void Open() => _open.Set();

        public override void Write(byte[] buffer, int offset, int count)
        {
            _firstWrite.TrySetResult();
            if (!_open.Wait(patience))
            {
                throw new TimeoutException("The test never opened the destination.");
            }

            base.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _open.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
