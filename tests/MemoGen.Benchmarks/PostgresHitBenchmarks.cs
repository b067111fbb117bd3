using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using Npgsql;

namespace MemoGen.Benchmarks;

/// <summary>
/// A remote hit of a 1 KB value through <c>UsePostgres</c> (a fresh context, no cache directory: fetched, staged,
/// loaded; target at most 2x) against a raw prepared Npgsql <c>SELECT</c> of 1 KB by primary key. The store's fetch alone
/// (its one round trip, verified, nothing staged) is an extra row, to tell the round trip from the local work.
/// </summary>
[MemoryDiagnoser]
public class PostgresHitBenchmarks
{
    private PostgresServer? _server;
    private MemoOptions _options = new();
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _select;
    private PostgresStore? _store;
    private EntryKey _key;

    [GlobalSetup]
    public void Setup()
    {
        _server = PostgresBenchContext.StartServer();
        string connectionString = PostgresBenchContext.NewDatabase(_server, "hit");
        _options = PostgresBenchContext.SharedOptions(connectionString);
        new PostgresBenchContext(_options).Kilobyte(1);
        _store = ((PostgresSharedTier)_options.SharedTier!).Store;
        _key = StoredKey(connectionString);
        PostgresBenchContext.Execute(connectionString, "CREATE TABLE raw (id bigint PRIMARY KEY, data bytea NOT NULL); INSERT INTO raw SELECT 1, decode(repeat('ab', 1024), 'hex')");
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        _select = new NpgsqlCommand("SELECT data FROM raw WHERE id = $1", _connection);
        _select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 1 });
        _select.Prepare();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _select?.Dispose();
        _connection?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int RawPreparedSelect() => ((byte[])_select!.ExecuteScalar()!).Length;

    /// <summary>The remote hit's round trip alone: the store's fetch of the entry, verified, into <see cref="Stream.Null"/>.</summary>
    [Benchmark]
    public bool StoreFetchOnly() => _store!.TryRead(_key, Stream.Null);

    [Benchmark]
    public int RemoteHitKilobyte() => new PostgresBenchContext(_options).Kilobyte(1).Length;

    private static EntryKey StoredKey(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var select = new NpgsqlCommand("SELECT function, code_version, key_hash FROM memogen.entry", connection);
        using NpgsqlDataReader reader = select.ExecuteReader();
        reader.Read();
        return EntryKey.FromStored(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
    }
}
