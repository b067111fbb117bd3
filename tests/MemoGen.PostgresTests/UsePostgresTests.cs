using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.PostgresTests.Subjects;
using MemoGen.PostgresTests.Support;
using MemoGen.TestSupport;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary><c>UsePostgres</c> end to end: memoized methods in contexts with their own disk folders, sharing one database.</summary>
[TestFixture]
public sealed class UsePostgresTests : StoreFixture
{
    private readonly List<string> _folders = [];

    [TearDown]
    public void DeleteFolders()
    {
        foreach (string folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }

        _folders.Clear();
    }

    [Test]
    public void A_result_computed_on_one_machine_is_a_hit_on_another()
    {
        var executions = new ConcurrentDictionary<int, int>();
        var first = new SquaresContext(Options(ConnectionString), executions);
        var second = new SquaresContext(Options(ConnectionString), executions);

        double[] computed = [.. first.Squares(1000)];
        double[] fetched = [.. second.Squares(1000)];

        Assert.That(fetched, Is.EqualTo(computed));
        Assert.That(executions[1000], Is.EqualTo(1), "the second context read the shared entry");
        Assert.That(Log.Messages(LogLevel.Warning).Concat(Log.Messages(LogLevel.Error)), Is.Empty);
    }

    [Test]
    public async Task Contexts_sweeping_one_space_in_parallel_compute_each_point_once()
    {
        const int Points = 30;
        var executions = new ConcurrentDictionary<int, int>();
        SquaresContext[] contexts = Enumerable.Range(0, 4).Select(_ => new SquaresContext(Options(ConnectionString), executions)).ToArray();

        await Task.WhenAll(contexts.Select((context, seed) => Task.Run(() =>
        {
            var random = new Random(seed);
            foreach (int point in Enumerable.Range(1, Points).OrderBy(_ => random.Next()).ToArray())
            {
                Assert.That(context.Squares(point), Has.Length.EqualTo(point));
            }
        }))).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(executions.Keys.Order(), Is.EqualTo(Enumerable.Range(1, Points)));
        Assert.That(executions.Where(e => e.Value != 1).Select(e => $"point {e.Key}: {e.Value}"), Is.Empty);
    }

    [Test]
    public void A_wrong_password_leaves_memory_and_disk_working_and_is_logged_once()
    {
        string connectionString = SharedServer.Server.ConnectionString(SharedServer.NewDatabase("use_password"), PostgresServer.PasswordUser, "wrong");
        var executions = new ConcurrentDictionary<int, int>();
        var context = new SquaresContext(Options(connectionString), executions);

        for (int i = 1; i <= 3; i++)
        {
            Assert.That(context.Squares(i), Has.Length.EqualTo(i));
            Assert.That(context.Squares(i), Has.Length.EqualTo(i));
        }

        Assert.That(executions.Values, Is.All.EqualTo(1));
        Assert.That(Log.Messages(LogLevel.Error).Count(m => m.Contains("password was rejected")), Is.EqualTo(1));
    }

    [Test]
    public void A_malformed_connection_string_is_rejected_by_UsePostgres()
    {
        var failure = Assert.Throws<ArgumentException>(() => new MemoOptions().UsePostgres("Host=x;Port=not-a-number"));

        Assert.That(failure!.Message, Does.Contain("connection string is not valid"));
    }

    private MemoOptions Options(string connectionString)
    {
        string folder = Directory.CreateTempSubdirectory("memogen-pg-cache-").FullName;
        _folders.Add(folder);
        return new MemoOptions { CacheDirectory = folder, LoggerFactory = Log }.UsePostgres(connectionString);
    }
}
