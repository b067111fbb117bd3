using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using Npgsql;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>
/// A small payload lives in its entry's row, so that a remote hit is one look-up by key; its last use is written in
/// the background, not by the hit.
/// </summary>
[TestFixture]
public sealed class InlineEntryTests : StoreFixture
{
    private static readonly EntryKey Key = new("inline", "v1", new MemoHash128(3, 4));

    [Test]
    public async Task A_small_payload_is_stored_in_its_entry_and_no_chunk_is_written()
    {
        byte[] payload = new byte[1024];
        new Random(1).NextBytes(payload);
        await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);

        var read = new MemoryStream();
        Assert.That(await Task.Run(() => OpenStore().TryRead(Key, read)).WaitAsync(Patience), Is.True);

        Assert.That(read.ToArray(), Is.EqualTo(payload));
        Assert.That(await ScalarAsync<int>("SELECT length(data) FROM memogen.entry"), Is.EqualTo(payload.Length));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk"), Is.Zero);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry_chunk"), Is.Zero);
    }

    [Test]
    public async Task A_corrupt_inline_payload_is_detected_and_not_served()
    {
        byte[] payload = new byte[5000];
        new Random(5).NextBytes(payload);
        await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);
        await ScalarAsync<int>("UPDATE memogen.entry SET data = overlay(data placing '\\x00'::bytea from 100) RETURNING 1");

        var read = new MemoryStream();
        bool found = await Task.Run(() => OpenStore().TryRead(Key, read)).WaitAsync(Patience);

        Assert.That(found, Is.False);
        Assert.That(read.Length, Is.Zero, "nothing of a payload that does not verify is written");
        Assert.That(Log.Messages(Microsoft.Extensions.Logging.LogLevel.Warning), Has.Some.Contains("does not match its recorded size and hash"));
    }

    [Test]
    public async Task A_hit_leaves_last_use_to_the_background_flush()
    {
        await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => Task.FromResult(new byte[] { 1, 2 }), CancellationToken.None).WaitAsync(Patience);
        await ScalarAsync<int>("UPDATE memogen.entry SET last_used = '2000-01-01' RETURNING 1");
        await using var store = new PostgresStore(ConnectionString, Log, SharedWorker.FastSettings with { LastUseFlushInterval = TimeSpan.FromHours(1) });

        Assert.That(await Task.Run(() => store.TryRead(Key, Stream.Null)).WaitAsync(Patience), Is.True);
        int yearAfterHit = await ScalarAsync<int>("SELECT extract(year FROM last_used)::int FROM memogen.entry");
        int marked = await store.LastUse.FlushAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.That(yearAfterHit, Is.EqualTo(2000), "the hit itself writes nothing");
        Assert.That(marked, Is.EqualTo(1));
        Assert.That(await ScalarAsync<bool>("SELECT last_used > now() - interval '1 minute' FROM memogen.entry"), Is.True);
    }

    [Test]
    public async Task Disposing_the_store_writes_the_last_uses_not_flushed_yet()
    {
        await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => Task.FromResult(new byte[] { 1, 2 }), CancellationToken.None).WaitAsync(Patience);
        await ScalarAsync<int>("UPDATE memogen.entry SET last_used = '2000-01-01' RETURNING 1");
        var store = new PostgresStore(ConnectionString, Log, SharedWorker.FastSettings with { LastUseFlushInterval = TimeSpan.FromHours(1) });

        Assert.That(await Task.Run(() => store.TryRead(Key, Stream.Null)).WaitAsync(Patience), Is.True);
        await store.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.That(await ScalarAsync<bool>("SELECT last_used > now() - interval '1 minute' FROM memogen.entry"), Is.True);
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task An_entry_written_with_its_chunk_by_an_older_schema_still_reads_after_the_migration(int version)
    {
        byte[] payload = new byte[2000];
        new Random(7).NextBytes(payload);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await PostgresSchema.MigrateAsync(connection, CancellationToken.None, targetVersion: version).WaitAsync(Patience);
        }

        byte[] chunk = ChunkHash.Of(payload);
        await InsertOneChunkEntryAsync(Key, payload, chunk, ChunkHash.OfPayload(payload.Length, [chunk]));

        PostgresStore store = OpenStore();
        await store.EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience);
        var read = new MemoryStream();

        Assert.That(await ScalarAsync<int>("SELECT max(version) FROM memogen.schema_version"), Is.EqualTo(PostgresSchema.LatestVersion));
        Assert.That(await Task.Run(() => store.TryRead(Key, read)).WaitAsync(Patience), Is.True);
        Assert.That(read.ToArray(), Is.EqualTo(payload));
    }
}
