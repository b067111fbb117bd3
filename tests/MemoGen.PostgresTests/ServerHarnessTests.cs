using System;
using MemoGen.PostgresTests.Support;
using Npgsql;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>The throwaway server itself: it answers, and its password user needs the right password.</summary>
[TestFixture]
public sealed class ServerHarnessTests
{
    [Test]
    public void The_server_answers_and_rejects_a_wrong_password()
    {
        string database = SharedServer.NewDatabase("harness");
        using (var connection = new NpgsqlConnection(SharedServer.Server.ConnectionString(database, PostgresServer.PasswordUser, PostgresServer.Password)))
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT current_user", connection);
            Assert.That(command.ExecuteScalar(), Is.EqualTo(PostgresServer.PasswordUser));
        }

        using var wrong = new NpgsqlConnection(SharedServer.Server.ConnectionString(database, PostgresServer.PasswordUser, "wrong"));
        var failure = Assert.Throws<PostgresException>(() => wrong.Open());
        Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword));
    }
}
