using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>Payloads go in and come back byte for byte, large ones streamed chunk by chunk.</summary>
[TestFixture]
public sealed class RoundTripTests : StoreFixture
{
    private static readonly EntryKey Key = new("round_trip", "v1", new MemoHash128(1, 2));

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase((4 * 1024 * 1024) + 3)]
    public async Task A_payload_comes_back_byte_for_byte(int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        PostgresStore writer = OpenStore();
        byte[] written = await SharedWorker.GetOrComputeAsync(writer, Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);

        PostgresStore reader = OpenStore();
        byte[] read = await SharedWorker.GetOrComputeAsync(reader, Key, _ => throw new AssertionException("a stored entry was computed again"), CancellationToken.None).WaitAsync(Patience);

        Assert.That(written, Is.EqualTo(payload));
        Assert.That(read, Is.EqualTo(payload));
    }

    [Test]
    public async Task A_large_payload_is_streamed_without_being_held_in_memory()
    {
        const long Length = 128L * 1024 * 1024;
        const ulong Seed = 42;
        (byte[] expectedHash, _) = HashingStream.Of(new GeneratedStream(Length, Seed));
        PostgresStore store = OpenStore();
        await store.EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience);

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        ClaimOutcome outcome = await store.ClaimAsync(Key, CancellationToken.None).WaitAsync(Patience);
        await using (outcome.Claim!)
        {
            Assert.That(await outcome.Claim!.PublishAsync(new GeneratedStream(Length, Seed), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2)), Is.EqualTo(PublishOutcome.Kept));
        }

        using var destination = new HashingStream();
        Assert.That(await Task.Run(() => store.TryRead(Key, destination)).WaitAsync(TimeSpan.FromMinutes(2)), Is.True);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.That(destination.Length, Is.EqualTo(Length));
        Assert.That(destination.Hash(), Is.EqualTo(expectedHash));
        Assert.That(allocated, Is.LessThan(64L * 1024 * 1024), "bytes allocated to write and read a 128 MiB payload");
    }

    [Test]
    public async Task Identical_payloads_are_stored_once()
    {
        byte[] payload = new byte[(3 * 1024 * 1024) + 17];
        new Random(3).NextBytes(payload);
        PostgresStore store = OpenStore();
        for (ulong i = 0; i < 3; i++)
        {
            await SharedWorker.GetOrComputeAsync(store, Key with { KeyHash = new MemoHash128(7, i) }, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);
        }

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry"), Is.EqualTo(3));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk"), Is.EqualTo(1));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Chunks_written_on_several_lanes_come_back_in_order_and_identical_ones_are_stored_once(int lanes)
    {
        const int ChunkSize = 100_000;
        byte[][] distinct = new byte[4][];
        for (int i = 0; i < distinct.Length; i++)
        {
            distinct[i] = new byte[ChunkSize];
            new Random(100 + i).NextBytes(distinct[i]);
        }

        // Seven chunks; the first one again as the fourth and the seventh, so that one lane meets a chunk another lane is sending.
        byte[] payload = [.. distinct[0], .. distinct[1], .. distinct[2], .. distinct[0], .. distinct[3], .. distinct[1], .. distinct[0][..500]];
        var writer = new PostgresStore(ConnectionString, Log, SharedWorker.FastSettings with { ChunkSize = ChunkSize, WriteLanes = lanes });
        await using (writer)
        {
            await SharedWorker.GetOrComputeAsync(writer, Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);
        }

        byte[] read = await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => throw new AssertionException("a stored entry was computed again"), CancellationToken.None).WaitAsync(Patience);

        Assert.That(read, Is.EqualTo(payload));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry_chunk"), Is.EqualTo(7));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk"), Is.EqualTo(5));
    }

    [Test]
    public async Task Chunks_of_a_write_cut_short_are_collected_and_referenced_ones_are_kept()
    {
        PostgresStore store = OpenStore();
        // Both larger than a payload stored inline in its entry's row (a small one is never stored without its entry).
        byte[] kept = new byte[150_000];
        new Random(4).NextBytes(kept);
        await SharedWorker.GetOrComputeAsync(store, Key, _ => Task.FromResult(kept), CancellationToken.None).WaitAsync(Patience);
        await store.WriteChunksAsync(new MemoryStream(new byte[100_000]), CancellationToken.None).WaitAsync(Patience);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk"), Is.EqualTo(2));

        long collected = await store.CollectOrphanChunksAsync(TimeSpan.Zero, CancellationToken.None).WaitAsync(Patience);

        Assert.That(collected, Is.EqualTo(1));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk_piece"), Is.EqualTo(ChunkPieces.CountFor(kept.Length)), "the collected chunk's pieces go with it");
        byte[] read = await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => throw new AssertionException("the kept entry was lost"), CancellationToken.None).WaitAsync(Patience);
        Assert.That(read, Is.EqualTo(kept));
    }

    [Test]
    public async Task An_entry_with_sha256_addresses_written_before_xxh3_still_verifies()
    {
        byte[] payload = new byte[200_000];
        new Random(6).NextBytes(payload);
        PostgresStore store = OpenStore();
        await store.EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(payload);
        await InsertOneChunkEntryAsync(Key, payload, chunkHash: hash, payloadHash: hash);

        var read = new MemoryStream();
        Assert.That(await Task.Run(() => store.TryRead(Key, read)).WaitAsync(Patience), Is.True);
        Assert.That(read.ToArray(), Is.EqualTo(payload));
    }

    [Test]
    public async Task A_corrupt_chunk_is_detected_and_not_served()
    {
        byte[] payload = new byte[100_000];
        new Random(5).NextBytes(payload);
        PostgresStore store = OpenStore();
        await SharedWorker.GetOrComputeAsync(store, Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);
        await ScalarAsync<int>("UPDATE memogen.chunk_piece SET data = overlay(data placing '\\x00'::bytea from 100) WHERE ordinal = 3 RETURNING 1");

        Assert.That(await store.FindAsync(Key, CancellationToken.None).WaitAsync(Patience), Is.Not.Null);
        bool read = await Task.Run(() => store.TryRead(Key, new MemoryStream())).WaitAsync(Patience);

        Assert.That(read, Is.False);
        Assert.That(Log.Messages(Microsoft.Extensions.Logging.LogLevel.Warning), Has.Some.Contains("does not match its hash"));
    }
}
