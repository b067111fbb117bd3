using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using Npgsql;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>
/// The store's pool skips Npgsql's reset between uses (a remote hit is then one statement on the wire), so no pooled
/// use may leave session state behind: a chunk's transaction alone commits asynchronously, which must never reach the
/// commit of an entry on the same connection.
/// </summary>
[TestFixture]
public sealed class PooledConnectionStateTests : StoreFixture
{
    [Test]
    public async Task A_chunk_write_leaves_its_connections_committing_synchronously()
    {
        // The throwaway server commits asynchronously by default; this database must not, or the check sees nothing.
        await ScalarAsync<int>($"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" SET synchronous_commit = on; SELECT 1");
        await using var connections = new PostgresConnections(ConnectionString);
        await using (NpgsqlConnection migrating = await connections.OpenAsync(default).AsTask().WaitAsync(Patience))
        {
            await PostgresSchema.MigrateAsync(migrating, CancellationToken.None).WaitAsync(Patience);
        }

        await ChunkWriter.WriteAsync(connections.OpenAsync, new MemoryStream(new byte[300_000]), chunkSize: 100_000, lanes: 2, CancellationToken.None)
            .WaitAsync(Patience);

        // Both lanes' connections are idle in the pool now; the next two users get them.
        await using NpgsqlConnection first = await Task.Run(connections.Open).WaitAsync(Patience);
        await using NpgsqlConnection second = await Task.Run(connections.Open).WaitAsync(Patience);

        Assert.That(await ScalarOnAsync<string>(first, "SHOW synchronous_commit"), Is.EqualTo("on"));
        Assert.That(await ScalarOnAsync<string>(second, "SHOW synchronous_commit"), Is.EqualTo("on"));
    }

    [Test]
    public async Task A_pooled_connection_comes_back_without_a_reset()
    {
        await using var connections = new PostgresConnections(ConnectionString);
        int pid;
        await using (NpgsqlConnection used = await Task.Run(connections.Open).WaitAsync(Patience))
        {
            pid = await ScalarOnAsync<int>(used, "SELECT pg_backend_pid()");
            await ScalarOnAsync<string>(used, "SELECT set_config('memogen.probe', 'kept', false)");
        }

        await using NpgsqlConnection again = await Task.Run(connections.Open).WaitAsync(Patience);

        Assert.That(await ScalarOnAsync<int>(again, "SELECT pg_backend_pid()"), Is.EqualTo(pid), "the pool hands the same connection back");
        Assert.That(await ScalarOnAsync<string>(again, "SELECT current_setting('memogen.probe', true)"), Is.EqualTo("kept"));
    }

    private static async Task<T> ScalarOnAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync().WaitAsync(Patience))!;
    }
}
