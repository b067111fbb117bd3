using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Npgsql;

namespace MemoGen.PostgresTests.Support;

/// <summary>
/// A throwaway PostgreSQL server: initdb and pg_ctl in a temporary folder the <c>postgres</c> user owns, listening on a
/// free loopback port with its socket in that folder. Trust authentication for <see cref="Superuser"/>, SCRAM for
/// <see cref="PasswordUser"/>. Disposing it (or the process exiting) stops it and deletes the folder.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    /// <summary>The superuser every test connects as (trusted, no password).</summary>
    public const string Superuser = "memogen_admin";

    /// <summary>A user that must log in with <see cref="Password"/> (SCRAM), for the wrong-password test.</summary>
    public const string PasswordUser = "memogen_password_user";

    /// <summary>The password of <see cref="PasswordUser"/>.</summary>
    public const string Password = "right-password";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly string _folder;
    private int _disposed;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Whether the server is running (between <see cref="Start"/> and <see cref="Stop"/>).</summary>
    public bool IsRunning { get; private set; }

    private string DataDirectory => Path.Combine(_folder, "data");

    /// <summary>Creates, configures and starts a server from the binaries in <paramref name="bin"/> (see <see cref="PostgresBinaries"/>).</summary>
    public static PostgresServer StartNew(string bin)
    {
        string folder = Directory.CreateTempSubdirectory("memogen-pg-").FullName;
        var server = new PostgresServer(bin, folder, FreePort());
        try
        {
            server.Initialize();
            server.Start();
            server.CreatePasswordUser();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> as <paramref name="user"/>.</summary>
    public string ConnectionString(string database = "postgres", string user = Superuser, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = user,
            Password = password,
            Timeout = 30, // generous: the machines that run the tests may be loaded, and a refused port fails at once anyway
        };
        return builder.ConnectionString;
    }

    /// <summary>Runs one statement as the superuser on the <c>postgres</c> database.</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Starts the server and waits (bounded) until it accepts connections.</summary>
    public void Start()
    {
        string options = $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        ToolRunner.Run(Tool("pg_ctl"), ["start", "-D", DataDirectory, "-w", "-t", "30", "-l", Path.Combine(_folder, "server.log"), "-o", options], ToolTimeout);
        IsRunning = true;

        // Pooled connections from before a restart are dead; the tests' own connections must not pick them up.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Stops the server at once (open sessions are cut) and waits, bounded, until it is down.</summary>
    public void Stop()
    {
        ToolRunner.Run(Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], ToolTimeout);
        IsRunning = false;
    }

    /// <summary>Stops the server if it runs and deletes its folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                Stop();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover temp folder is harmless; the server is what must not outlive the tests.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Initialize()
    {
        if (ToolRunner.IsRoot)
        {
            ToolRunner.RunAsRoot("chown", ["postgres:", _folder], ToolTimeout);
        }

        ToolRunner.Run(Tool("initdb"), ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], ToolTimeout);
        File.WriteAllText(Path.Combine(DataDirectory, "pg_hba.conf"), $"""
            local all all trust
            host all {PasswordUser} 127.0.0.1/32 scram-sha-256
            host all all 127.0.0.1/32 trust
            """);
    }

    private void CreatePasswordUser() =>
        Execute($"CREATE ROLE {PasswordUser} LOGIN PASSWORD '{Password}'");

    private string Tool(string name) => Path.Combine(_bin, name);

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
