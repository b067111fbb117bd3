using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>A server that refuses us, is unreachable or goes away: clear errors, local computing, nothing corrupt.</summary>
[TestFixture]
public sealed class OutageTests : StoreFixture
{
    [Test]
    public async Task A_wrong_password_is_a_clear_error_logged_once_and_calls_compute_locally()
    {
        string connectionString = SharedServer.Server.ConnectionString(SharedServer.NewDatabase("password"), PostgresServer.PasswordUser, "not-the-password");
        PostgresStore store = OpenStore(connectionString);

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience));
        Assert.That(failure!.Message, Does.Contain("password was rejected").And.Contain(PostgresServer.PasswordUser).And.Not.Contain("not-the-password"));

        for (int i = 0; i < 3; i++)
        {
            byte[] value = await SharedWorker.GetOrComputeAsync(store, Key(i), _ => Task.FromResult(new byte[] { (byte)i }), CancellationToken.None).WaitAsync(Patience);
            Assert.That(value, Is.EqualTo(new byte[] { (byte)i }));
        }

        Assert.That(Log.Messages(LogLevel.Error).Count(m => m.Contains("password was rejected")), Is.EqualTo(1));
    }

    [Test]
    public void An_unreachable_server_is_a_clear_error()
    {
        PostgresStore store = OpenStore($"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Database=none");

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience));

        Assert.That(failure!.Message, Does.Contain("unreachable").And.Contain("127.0.0.1"));
    }

    [Test]
    public void A_malformed_connection_string_is_rejected_at_once()
    {
        var failure = Assert.Throws<ArgumentException>(() => OpenStore("Host=127.0.0.1;Pooling=maybe"));

        Assert.That(failure!.Message, Does.Contain("connection string is not valid"));
    }

    [Test]
    public async Task Work_goes_on_locally_while_the_server_is_stopped_and_nothing_is_corrupt()
    {
        PostgresServer server = SharedServer.Server;
        string connectionString = ConnectionString;
        const int Points = 40;
        var quarter = new TaskCompletionSource();
        var serverStopped = new TaskCompletionSource();
        var half = new TaskCompletionSource();
        var serverRestarted = new TaskCompletionSource();
        var executions = new ConcurrentDictionary<int, int>();
        PostgresStore[] stores = [OpenStore(connectionString), OpenStore(connectionString)];

        async Task Sweep(PostgresStore store)
        {
            for (int point = 0; point < Points; point++)
            {
                if (point == Points / 4)
                {
                    quarter.TrySetResult();
                    await serverStopped.Task;
                }

                if (point == Points / 2)
                {
                    half.TrySetResult();
                    await serverRestarted.Task;
                }

                int p = point;
                byte[] value = await SharedWorker.GetOrComputeAsync(store, Key(p), async token =>
                {
                    executions.AddOrUpdate(p, 1, (_, n) => n + 1);
                    await Task.Delay(10, token);
                    return Payload(p);
                }, CancellationToken.None);
                Assert.That(value, Is.EqualTo(Payload(p)));
            }
        }

        Task sweeps = Task.WhenAll(stores.Select(store => Task.Run(() => Sweep(store))));
        await quarter.Task.WaitAsync(Patience);
        try
        {
            server.Stop();
            serverStopped.SetResult();
            await half.Task.WaitAsync(Patience);
        }
        finally
        {
            // The other fixtures share this server.
            server.Start();
        }

        serverRestarted.SetResult();
        await sweeps.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(executions.Keys.Order(), Is.EqualTo(Enumerable.Range(0, Points)));
        Assert.That(Log.Messages(LogLevel.Warning).Concat(Log.Messages(LogLevel.Error)), Has.Some.Contains("computed locally"));
        await using var checker = new PostgresStore(connectionString);
        for (int point = 0; point < Points; point++)
        {
            if (await checker.FindAsync(Key(point), CancellationToken.None).WaitAsync(Patience) is not null)
            {
                var read = new System.IO.MemoryStream();
                Assert.That(await Task.Run(() => checker.TryRead(Key(point), read)).WaitAsync(Patience), Is.True, $"point {point} verifies");
                Assert.That(read.ToArray(), Is.EqualTo(Payload(point)));
            }
        }
    }

    private static EntryKey Key(int point) => new("outage", "v1", new MemoHash128(9, (ulong)point));

    private static byte[] Payload(int point) => Encoding.UTF8.GetBytes($"value of point {point}");

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
