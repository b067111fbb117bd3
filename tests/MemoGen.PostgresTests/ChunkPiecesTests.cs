using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using Microsoft.Extensions.Logging;
using Npgsql;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>
/// A chunk's bytes are heap rows that need no TOAST (migration 3); chunks stored before as one value still read, and a
/// writer meeting another writer of the same chunk keeps one copy.
/// </summary>
[TestFixture]
public sealed class ChunkPiecesTests : StoreFixture
{
    private static readonly EntryKey Key = new("pieces", "v1", new MemoHash128(8, 9));

    [Test]
    public async Task A_chunk_is_stored_as_pieces_that_need_no_toast()
    {
        byte[] payload = RandomBytes(300_000, seed: 10);
        await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);

        byte[] read = await ReadAsync();

        Assert.That(read, Is.EqualTo(payload));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk_piece"), Is.EqualTo(38), "300,000 bytes in pieces of 8,000");
        Assert.That(await ScalarAsync<int>("SELECT pieces FROM memogen.chunk"), Is.EqualTo(38));
        Assert.That(await ScalarAsync<int>("SELECT length(data) FROM memogen.chunk"), Is.Zero);
        Assert.That(await ToastBytesAsync("memogen.chunk_piece"), Is.Zero);
        Assert.That(await ToastBytesAsync("memogen.chunk"), Is.Zero);
    }

    [Test]
    public async Task Pieces_stored_in_reverse_order_read_back_in_place()
    {
        byte[] payload = RandomBytes(100_000, seed: 16);
        await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => Task.FromResult(payload), CancellationToken.None).WaitAsync(Patience);
        await ScalarAsync<int>(
            """
            WITH gone AS (DELETE FROM memogen.chunk_piece RETURNING *),
            again AS (INSERT INTO memogen.chunk_piece SELECT * FROM gone ORDER BY ordinal DESC RETURNING 1)
            SELECT count(*)::int FROM again
            """);

        Assert.That(await ScalarAsync<int>("SELECT ordinal FROM memogen.chunk_piece LIMIT 1"), Is.EqualTo(12), "the server now returns the last piece first");
        Assert.That(await ReadAsync(), Is.EqualTo(payload));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_chunk_another_writer_stores_at_the_same_moment_is_waited_for_and_stored_once(bool otherCommits)
    {
        byte[] payload = RandomBytes(100_000, seed: 11);
        int pieces = ChunkPieces.CountFor(payload.Length);
        PostgresStore store = OpenStore();
        await store.EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience);
        await using var other = new NpgsqlConnection(ConnectionString);
        await other.OpenAsync();
        await using NpgsqlTransaction transaction = await other.BeginTransactionAsync();
        await ExecuteAsync(other, "INSERT INTO memogen.chunk (hash, size, data, pieces) VALUES ($1, $2, '', $3)", ChunkHash.Of(payload), payload.Length, pieces);
        await ExecuteAsync(
            other,
            "INSERT INTO memogen.chunk_piece SELECT $1, i, substring($2 from i * $3 + 1 for $3) FROM generate_series(0, $4 - 1) AS i",
            ChunkHash.Of(payload),
            payload,
            ChunkPieces.PieceSize,
            pieces);

        Task<byte[]> writing = Task.Run(() => SharedWorker.GetOrComputeAsync(store, Key, _ => Task.FromResult(payload), CancellationToken.None));
        await WaitForALockWaitAsync();
        Assert.That(writing.IsCompleted, Is.False, "the writer waits for the other writer's chunk");
        if (otherCommits)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        await writing.WaitAsync(Patience);
        byte[] read = await ReadAsync();

        Assert.That(read, Is.EqualTo(payload));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk"), Is.EqualTo(1));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk_piece"), Is.EqualTo(pieces));
    }

    [Test]
    public async Task An_entry_of_a_chunk_stored_before_migration_3_and_a_new_one_reads_back()
    {
        const int ChunkSize = 100_000;
        byte[] old = RandomBytes(ChunkSize, seed: 12);
        byte[] fresh = RandomBytes(ChunkSize, seed: 13);
        await using var writer = new PostgresStore(ConnectionString, Log, SharedWorker.FastSettings with { ChunkSize = ChunkSize });
        await writer.EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "INSERT INTO memogen.chunk (hash, size, data) VALUES ($1, $2, $3)", ChunkHash.Of(old), old.Length, old);
        }

        await SharedWorker.GetOrComputeAsync(writer, Key, _ => Task.FromResult<byte[]>([.. old, .. fresh]), CancellationToken.None).WaitAsync(Patience);
        byte[] read = await ReadAsync();

        Assert.That(read, Is.EqualTo([.. old, .. fresh]));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk WHERE pieces IS NULL AND length(data) = 100000"), Is.EqualTo(1), "the old chunk is reused as it is");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk_piece"), Is.EqualTo(ChunkPieces.CountFor(ChunkSize)));
    }

    [Test]
    public async Task A_missing_piece_is_detected_and_not_served()
    {
        await SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => Task.FromResult(RandomBytes(100_000, seed: 15)), CancellationToken.None).WaitAsync(Patience);
        await ScalarAsync<int>("WITH gone AS (DELETE FROM memogen.chunk_piece WHERE ordinal = 5 RETURNING 1) SELECT count(*)::int FROM gone");

        bool read = await Task.Run(() => OpenStore().TryRead(Key, new MemoryStream())).WaitAsync(Patience);

        Assert.That(read, Is.False);
        Assert.That(Log.Messages(LogLevel.Warning), Has.Some.Contains("does not match its hash"));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync().WaitAsync(Patience);
    }

    /// <summary>The key's payload as a fresh store reads it; a miss fails the test.</summary>
    private Task<byte[]> ReadAsync() =>
        SharedWorker.GetOrComputeAsync(OpenStore(), Key, _ => throw new AssertionException("a stored entry was computed again"), CancellationToken.None).WaitAsync(Patience);

    /// <summary>The bytes in <paramref name="table"/>'s TOAST table (0 when it has none).</summary>
    private Task<long> ToastBytesAsync(string table) =>
        ScalarAsync<long>($"SELECT coalesce(pg_relation_size(nullif(reltoastrelid, 0)), 0) FROM pg_class WHERE oid = '{table}'::regclass");

    /// <summary>Returns once a session of this database waits for a lock another transaction holds.</summary>
    private async Task WaitForALockWaitAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        while (await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            await Task.Delay(20, patience.Token);
        }
    }
}
