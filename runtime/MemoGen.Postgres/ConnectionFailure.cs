using System;
using System.IO;
using System.Net.Sockets;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>Says, in words a user can act on, why the shared tier could not talk to PostgreSQL.</summary>
internal static class ConnectionFailure
{
    /// <summary>Whether <paramref name="e"/> means the server is unusable (down, unreachable, refusing us), as opposed to a bug.</summary>
    public static bool IsConnectionProblem(Exception e) =>
        e is NpgsqlException or SocketException or IOException or TimeoutException or LockLostException;

    /// <summary>A message naming the server (never the password), the cause and what happens meanwhile.</summary>
    public static string Describe(string server, Exception e) =>
        $"MemoGen's shared tier cannot use PostgreSQL at {server}: {Reason(e)}. Results are computed locally (the memory and disk tiers keep working) until it answers.";

    private static string Reason(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
            "the password was rejected (check the connection string's Password)",
        PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
            $"the server refused the login ({p.MessageText})",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } p =>
            $"the database does not exist ({p.MessageText})",
        PostgresException p => $"{p.MessageText} (SQLSTATE {p.SqlState})",
        _ when Find<SocketException>(e) is { } s => $"the server is unreachable ({s.SocketErrorCode}: {s.Message})",
        _ when Find<TimeoutException>(e) is not null => "the server did not answer in time",
        _ => e.Message,
    };

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
