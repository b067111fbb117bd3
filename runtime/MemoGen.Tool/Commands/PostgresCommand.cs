using System;
using System.CommandLine;
using System.Threading;
using MemoGen.Postgres;
using Npgsql;
using Spectre.Console;

namespace MemoGen.Tool.Commands;

/// <summary><c>memogen postgres CONNSTRING [--json]</c>: the functions of a PostgreSQL store and the computations claimed right now.</summary>
internal static class PostgresCommand
{
    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        var connectionString = new Argument<string>("CONNSTRING") { Description = "The Npgsql connection string given to UsePostgres (Host=...;Database=...;Username=...)." };
        Option<bool> json = CommonSymbols.Json();
        var command = new Command("postgres", "List the functions of a PostgreSQL shared store (entries, bytes, ages per code version) and the live claims.") { connectionString, json };
        command.SetAction(parse => Run(console, parse.GetRequiredValue(connectionString), parse.GetValue(json)));
        return command;
    }

    private static int Run(ToolOutput console, string connectionString, bool json)
    {
        try
        {
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
}
