using System;
using System.Threading;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

// In the root namespace of the tests: a SetUpFixture only wraps the fixtures of its namespace and those below it.
namespace MemoGen.PostgresTests;

/// <summary>One throwaway server for the whole assembly, started on first use; each fixture works in a database of its own.</summary>
[SetUpFixture]
public sealed class SharedServer
{
    private static PostgresServer? _server;
    private static int _databases;

    /// <summary>The assembly's server, started on first use (ignores the test when PostgreSQL is missing, fails under CI).</summary>
    internal static PostgresServer Server => _server ??= PostgresServer.StartNew(RequireBinaries());

    /// <summary>Creates a fresh database named after <paramref name="purpose"/> and returns its name.</summary>
    internal static string NewDatabase(string purpose)
    {
        string name = $"{purpose.ToLowerInvariant()}_{Interlocked.Increment(ref _databases)}";
        Server.Execute($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>
    /// The binaries' folder; where there is none, ignores the test with the reason, except under <c>CI=true</c>, where
    /// a missing server is a failure (CI installs it).
    /// </summary>
    private static string RequireBinaries()
    {
        if (PostgresBinaries.Find() is { } bin)
        {
            return bin;
        }

        const string Reason = "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin); apt-get install postgresql to run these tests.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Reason);
        }

        Assert.Ignore(Reason);
        return null!;
    }

    /// <summary>Stops the server and deletes its folder after the last test.</summary>
    [OneTimeTearDown]
    public void StopServer()
    {
        _server?.Dispose();
        _server = null;
    }
}
