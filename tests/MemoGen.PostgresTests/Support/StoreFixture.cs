using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.TestSupport;
using Npgsql;
using NUnit.Framework;

namespace MemoGen.PostgresTests.Support;

/// <summary>Base of the store tests: a fresh database per test, stores opened on it, all disposed after the test (also when it fails).</summary>
public abstract class StoreFixture
{
    /// <summary>No single step of a test waits longer than this.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<PostgresStore> _stores = [];

    /// <summary>The connection string of this test's database (superuser).</summary>
    protected string ConnectionString { get; private set; } = "";

    /// <summary>The log of every store this test opened.</summary>
    protected ListLogger Log { get; private set; } = new();

    [SetUp]
    public void CreateDatabase()
    {
        ConnectionString = SharedServer.Server.ConnectionString(SharedServer.NewDatabase(GetType().Name));
        Log = new ListLogger();
    }

    [TearDown]
    public async Task DisposeStores()
    {
        foreach (PostgresStore store in _stores)
        {
            await store.DisposeAsync().AsTask().WaitAsync(Patience);
        }

        _stores.Clear();

        // The test's own queries (ScalarAsync) leave an idle connection to its database in Npgsql's pool of that
        // connection string; one per test adds up to the server's limit before the worker process tests run.
        await using (var queries = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(queries);
        }

        foreach (var entry in Log.Entries)
        {
            TestContext.Out.WriteLine($"{entry.Level}: {entry.Message}");
        }

        Log.Dispose();
    }

    /// <summary>A store on this test's database (its own connections, like another process), disposed after the test.</summary>
    internal PostgresStore OpenStore(string? connectionString = null, PostgresStoreSettings? settings = null)
    {
        var store = new PostgresStore(connectionString ?? ConnectionString, Log, settings ?? SharedWorker.FastSettings);
        _stores.Add(store);
        return store;
    }

    /// <summary>Disposes <paramref name="store"/>, opened with <see cref="OpenStore"/>, now rather than after the test.</summary>
    internal async Task DisposeNowAsync(PostgresStore store)
    {
        _stores.Remove(store);
        await store.DisposeAsync().AsTask().WaitAsync(Patience);
    }

    /// <summary>
    /// Inserts an entry of <paramref name="key"/> whose payload is one chunk in <c>memogen.chunk</c>, as older versions of
    /// the store wrote every entry, with the addresses given.
    /// </summary>
    internal Task<int> InsertOneChunkEntryAsync(EntryKey key, byte[] payload, byte[] chunkHash, byte[] payloadHash)
    {
        static string Hex(byte[] bytes) => @"\x" + Convert.ToHexStringLower(bytes);
        return ScalarAsync<int>(
            $"""
            WITH c AS (INSERT INTO memogen.chunk (hash, size, data) VALUES ('{Hex(chunkHash)}', {payload.Length}, '{Hex(payload)}')),
            e AS (INSERT INTO memogen.entry (function, code_version, key_hash, payload_hash, size, producer_host, producer_pid)
                  VALUES ('{key.Function}', '{key.CodeVersion}', '{Hex(key.KeyBytes())}', '{Hex(payloadHash)}', {payload.Length}, 'old', 1) RETURNING id),
            ec AS (INSERT INTO memogen.entry_chunk (entry_id, ordinal, chunk_hash) SELECT id, 0, '{Hex(chunkHash)}' FROM e)
            SELECT 1
            """);
    }

    /// <summary>Runs a query as the superuser on this test's database and returns its first column.</summary>
    protected async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync().WaitAsync(Patience))!;
    }
}
