using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using Npgsql;

namespace MemoGen.Benchmarks;

/// <summary>Disk-tagged methods for the PostgreSQL benchmarks, and the throwaway server they run against.</summary>
public sealed partial class PostgresBenchContext(MemoOptions options) : MemoContext(options)
{
    /// <summary>Executions of <see cref="Point"/>, counted across contexts.</summary>
    public static readonly ConcurrentDictionary<int, int> PointExecutions = new();

    [Memoize(Name = "pg_bench_kilobyte", Tags = new[] { "disk" })]
    public partial ImmutableArray<byte> Kilobyte(int seed);

    private byte[] KilobyteCore(int seed)
    {
        byte[] value = new byte[1024];
        new Random(seed).NextBytes(value);
        return value;
    }

    [Memoize(Name = "pg_bench_large", Tags = new[] { "disk" })]
    public partial ImmutableArray<double> Large(int megabytes);

    private double[] LargeCore(int megabytes) => DiskBenchContext.ArrayOf(megabytes);

    [Memoize(Name = "pg_bench_point", Tags = new[] { "disk" })]
    public partial ImmutableArray<int> Point(int point);

    private int[] PointCore(int point)
    {
        PointExecutions.AddOrUpdate(point, 1, static (_, n) => n + 1);
        Thread.Sleep(50);
        return [point];
    }

    /// <summary>Starts a throwaway server (initdb and pg_ctl, as the tests do); fails clearly where PostgreSQL is missing.</summary>
    internal static PostgresServer StartServer() =>
        PostgresServer.StartNew(PostgresBinaries.Find() ?? throw new InvalidOperationException("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin)."));

    /// <summary>Creates the database <paramref name="name"/> on <paramref name="server"/> and returns its connection string.</summary>
    internal static string NewDatabase(PostgresServer server, string name)
    {
        server.Execute($"CREATE DATABASE \"{name}\"");
        return server.ConnectionString(name);
    }

    /// <summary>Options that share through <paramref name="connectionString"/>, with no cache directory, connected and migrated.</summary>
    internal static MemoOptions SharedOptions(string connectionString, PostgresStoreSettings? settings = null)
    {
        MemoOptions options = new MemoOptions();
        options.SharedTier = new Postgres.PostgresSharedTier(connectionString, options, settings);
        ((Postgres.PostgresSharedTier)options.SharedTier!).Store.EnsureReadyAsync(CancellationToken.None).GetAwaiter().GetResult();
        return options;
    }

    /// <summary>Runs one statement on <paramref name="connectionString"/>'s database.</summary>
    internal static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
