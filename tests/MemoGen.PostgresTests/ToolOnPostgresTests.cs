using System.Collections.Concurrent;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Subjects;
using MemoGen.PostgresTests.Support;
using MemoGen.Tool;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary><c>memogen postgres CONNSTRING</c>: the store's functions and the live claims, as a table and as JSON.</summary>
[TestFixture]
public sealed class ToolOnPostgresTests : StoreFixture
{
    [Test]
    public async Task Lists_the_stored_functions_and_the_live_claims()
    {
        StoreTwoEntries();
        ClaimOutcome held = await OpenStore().ClaimAsync(SweepPoints.Key(3), CancellationToken.None).WaitAsync(Patience);
        Assert.That(held.Claim, Is.Not.Null);

        (int code, string output, string error) = Run("postgres", ConnectionString, "--json");

        Assert.That(code, Is.Zero, error);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement function = document.RootElement.GetProperty("functions")[0];
        Assert.That(function.GetProperty("function").GetString(), Is.EqualTo("pg_squares"));
        Assert.That(function.GetProperty("entries").GetInt64(), Is.EqualTo(2));
        JsonElement claim = document.RootElement.GetProperty("claims")[0];
        Assert.That(claim.GetProperty("function").GetString(), Is.EqualTo(SweepPoints.Key(3).Function));
        Assert.That(claim.GetProperty("live").GetBoolean(), Is.True);
        (int tableCode, string table, _) = Run("postgres", ConnectionString);
        Assert.That(tableCode, Is.Zero);
        Assert.That(table, Does.Contain("pg_squares").And.Contain("connected").And.Contain("1 function version(s), 1 claim(s)"));
    }

    [Test]
    public async Task Verify_names_an_entry_whose_chunk_was_altered_and_fix_removes_it()
    {
        StoreTwoEntries();
        (int goodCode, string good, string goodError) = Run("postgres", ConnectionString, "--verify");
        Assert.That(goodCode, Is.Zero, goodError);
        Assert.That(good, Does.Contain("2 entries checked, 0 bad"));

        await ScalarAsync<int>("UPDATE memogen.entry SET data = overlay(data placing '\\x00'::bytea from 10) WHERE id = (SELECT min(id) FROM memogen.entry) RETURNING 1");
        (int badCode, string bad, _) = Run("postgres", ConnectionString, "--verify", "--json");
        (int fixCode, string fixedOutput, _) = Run("postgres", ConnectionString, "--verify", "--fix");

        Assert.That(badCode, Is.EqualTo(ToolApp.BadEntries));
        using JsonDocument document = JsonDocument.Parse(bad);
        Assert.That(document.RootElement.GetProperty("bad")[0].GetProperty("problem").GetString(), Does.Contain("does not match"));
        Assert.That(fixCode, Is.Zero);
        Assert.That(fixedOutput, Does.Contain("2 entries checked, 1 bad, 1 removed"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry"), Is.EqualTo(1));
    }

    [Test]
    public async Task Prune_deletes_the_chunks_no_entry_references()
    {
        PostgresStore store = OpenStore();
        byte[] kept = new byte[100_000];
        await SharedWorker.GetOrComputeAsync(store, SweepPoints.Key(1), _ => Task.FromResult(kept), CancellationToken.None).WaitAsync(Patience);
        await store.WriteChunksAsync(new MemoryStream(new byte[200_000]), CancellationToken.None).WaitAsync(Patience);

        (int code, string output, string error) = Run("postgres", ConnectionString, "--prune", "--grace-minutes", "0");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("1 unreferenced chunk(s) removed"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk"), Is.EqualTo(1));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.chunk_piece"), Is.EqualTo(ChunkPieces.CountFor(kept.Length)));
    }

    [Test]
    public void A_database_without_a_store_is_a_clear_error()
    {
        (int code, _, string error) = Run("postgres", ConnectionString);

        Assert.That(code, Is.EqualTo(ToolApp.UsageError));
        Assert.That(error, Does.Contain("holds no MemoGen store"));
    }

    /// <summary>Computes and publishes two entries of <c>pg_squares</c> through <c>UsePostgres</c>.</summary>
    private void StoreTwoEntries()
    {
        var options = new MemoOptions();
        options.SharedTier = new PostgresSharedTier(ConnectionString, options, SharedWorker.FastSettings);
        var context = new SquaresContext(options, new ConcurrentDictionary<int, int>());
        context.Squares(10);
        context.Squares(20);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = ToolApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
