using System;
using System.CommandLine;
using System.Threading;
using MemoGen.Postgres;
using Npgsql;
using Spectre.Console;

namespace MemoGen.Tool.Commands;

/// <summary>
/// <c>memogen postgres CONNSTRING [--json]</c>: the functions of a PostgreSQL store and the computations claimed right now;
/// with <c>--verify [--fix]</c>, every entry checked; with <c>--prune [--grace-minutes N]</c>, unreferenced chunks deleted.
/// </summary>
internal static class PostgresCommand
{
    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        var connectionString = new Argument<string>("CONNSTRING") { Description = "The Npgsql connection string given to UsePostgres (Host=...;Database=...;Username=...)." };
        Option<bool> json = CommonSymbols.Json();
        var verify = new Option<bool>("--verify") { Description = "Read every entry and check each chunk and the payload's length and hash. Exits 1 when an entry is bad." };
        var fix = new Option<bool>("--fix") { Description = "With --verify: remove the bad entries (a run that needs them computes them again)." };
        var prune = new Option<bool>("--prune") { Description = "Delete the chunks no entry references (left by writes cut short or by removed entries)." };
        var grace = new Option<int>("--grace-minutes") { Description = "With --prune: leave chunks touched this recently (a writer may be at work).", DefaultValueFactory = _ => 60 };
        var command = new Command("postgres", "List the functions of a PostgreSQL shared store (entries, bytes, ages per code version) and the live claims; or verify it, or prune it.")
        {
            connectionString, json, verify, fix, prune, grace,
        };
        command.SetAction(parse => Run(console, parse.GetRequiredValue(connectionString), parse.GetValue(json), parse.GetValue(verify), parse.GetValue(fix), parse.GetValue(prune) ? parse.GetValue(grace) : null));
        return command;
    }

    private static int Run(ToolOutput console, string connectionString, bool json, bool verify, bool fix, int? pruneGraceMinutes)
    {
        try
        {
            if (verify)
            {
                return Verify(console, connectionString, fix, json);
            }

            if (pruneGraceMinutes is int minutes)
            {
                long collected = StoreMaintenance.PruneAsync(connectionString, TimeSpan.FromMinutes(Math.Max(0, minutes)), CancellationToken.None).GetAwaiter().GetResult();
                if (json)
                {
                    console.Json(new { orphanChunksRemoved = collected });
                }
                else
                {
                    console.Line($"{collected} unreferenced chunk(s) removed");
                }

                return 0;
            }

            var (functions, claims) = StoreInspection.ReadAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult();
            if (json)
            {
                console.Json(new { functions, claims });
                return 0;
            }

            var table = new Table().AddColumns("function", "code version", "entries", "bytes", "oldest (UTC)", "last used (UTC)");
            foreach (StoredFunction function in functions)
            {
                table.AddRow(
                    Markup.Escape(function.Function), Markup.Escape(function.CodeVersion), $"{function.Entries}", ToolOutput.Bytes(function.Bytes),
                    ToolOutput.Time(function.Oldest), ToolOutput.Time(function.LastUsed));
            }

            console.Console.Write(table);
            var claimTable = new Table().AddColumns("claimed function", "key", "host", "pid", "since (UTC)", "heartbeat (UTC)", "holder");
            foreach (LiveClaim claim in claims)
            {
                claimTable.AddRow(
                    Markup.Escape(claim.Function), claim.Key, Markup.Escape(claim.Host), $"{claim.ProcessId}", ToolOutput.Time(claim.Claimed),
                    ToolOutput.Time(claim.Heartbeat), claim.Live ? "connected" : "gone (a waiter takes over)");
            }

            console.Console.Write(claimTable);
            console.Line($"{functions.Count} function version(s), {claims.Count} claim(s)");
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or NpgsqlException or ArgumentException or TimeoutException)
        {
            console.Error(exception.Message);
            return ToolApp.UsageError;
        }
    }

    private static int Verify(ToolOutput console, string connectionString, bool fix, bool json)
    {
        SharedVerifyReport report = StoreMaintenance.VerifyAsync(connectionString, fix, CancellationToken.None).GetAwaiter().GetResult();
        if (json)
        {
            console.Json(report);
        }
        else
        {
            if (report.Bad.Count > 0)
            {
                var table = new Table().AddColumns("function", "code version", "key", "problem");
                foreach (BadSharedEntry entry in report.Bad)
                {
                    table.AddRow(Markup.Escape(entry.Function), Markup.Escape(entry.CodeVersion), entry.Key, Markup.Escape(entry.Problem));
                }

                console.Console.Write(table);
            }

            console.Line($"{report.Checked} entries checked, {report.Bad.Count} bad"
                + (fix ? $", {report.Removed} removed" : report.Bad.Count > 0 ? " (--fix removes them)" : ""));
        }

        return report.Bad.Count > report.Removed ? ToolApp.BadEntries : 0;
    }
}
