using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Subjects;
using MemoGen.PostgresTests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>A result computed while the server is down is published when it comes back, never lost silently.</summary>
[TestFixture]
public sealed class PublishAfterOutageTests : StoreFixture
{
    [Test]
    public async Task Results_computed_while_the_server_was_stopped_are_published_when_it_is_back()
    {
        var executions = new ConcurrentDictionary<int, int>();
        var options = new MemoOptions { LoggerFactory = Log };
        var tier = new PostgresSharedTier(ConnectionString, options, SharedWorker.FastSettings);
        options.SharedTier = tier;
        var context = new SquaresContext(options, executions);
        context.Squares(1); // the schema exists, the server answers
        SharedServer.Server.Execute("CHECKPOINT"); // the test server commits asynchronously and stops without a flush
        try
        {
            SharedServer.Server.Stop();
            Assert.That(context.Squares(2), Has.Length.EqualTo(2));
            Assert.That(context.Squares(3), Has.Length.EqualTo(3));
            Assert.That(tier.Pending.Count, Is.EqualTo(2), "both results wait for the server");
            Assert.That(StagedFiles.Of(options).Where(path => path.EndsWith(".meta.json", StringComparison.Ordinal)), Has.Exactly(2).Items, "kept in the staging folder meanwhile");
        }
        finally
        {
            // The other fixtures share this server.
            SharedServer.Server.Start();
        }

        DateTime deadline = DateTime.UtcNow + Patience;
        while (tier.Pending.Count > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the pending results are published within the patience");
            await Task.Delay(50);
        }

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry"), Is.EqualTo(3));
        Assert.That(Log.Messages(LogLevel.Information), Has.Some.Contains("Published 2 result(s) computed while PostgreSQL was unavailable"));
        Assert.That(StagedFiles.Of(options), Is.Empty, "published entries leave the staging folder");
        var elsewhere = new MemoOptions { LoggerFactory = Log }.UsePostgres(ConnectionString);
        var other = new SquaresContext(elsewhere, executions);
        Assert.That(other.Squares(2), Has.Length.EqualTo(2));
        Assert.That(other.Squares(3), Has.Length.EqualTo(3));
        Assert.That(executions.Values, Is.All.EqualTo(1), "the other process fetched what was computed during the outage");
    }
}
