using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(Socktest.Samples.RealServers.Tests.PostgresServer))]

namespace Socktest.Samples.RealServers.Tests;

/// <summary>Npgsql against a real PostgreSQL, each test in a scope of its own that claims the database's endpoint (a pool
/// may open or keep connections off the test's flow): refuse the database only, reset the first connection and not its
/// retry.</summary>
public sealed class PostgresFaultTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusingTheDatabaseOnlyFailsTheOpenAsAClosedPortDoes()
    {
        string connectionString = postgres.Require();
        var database = postgres.EndPoint!;
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int closedPort = ((IPEndPoint)closed.LocalEndPoint!).Port;

        var real = await OpenFailsAsync(new NpgsqlConnectionStringBuilder(connectionString) { Port = closedPort, Pooling = false }.ConnectionString, null, database);
        var refused = await OpenFailsAsync(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString, Faults.Refuse(), database);

        Assert.Equal(SocketError.ConnectionRefused, real);
        Assert.Equal(real, refused);
    }

    /// <summary>docs/test-kit.md's recipe as printed: the database refused by its endpoint (<see cref="SocketMatch.Peer"/>),
    /// while a connection to another loopback server in the same scope goes through.</summary>
    [Fact]
    public async Task RefusingTheDatabaseByItsEndpointLetsOtherConnectionsThrough()
    {
        string connectionString = new NpgsqlConnectionStringBuilder(postgres.Require()) { Pooling = false }.ConnectionString;
        var database = postgres.EndPoint!;
        using var otherServer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        otherServer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        otherServer.Listen();

        // begin-doc: test-kit/npgsql-refuse
        // Npgsql: refuse the database only; other connections go through.
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(database);
        scope.Set(FilterType.Connect, Faults.When(SocketMatch.Peer(database), Faults.Refuse()));
        // NpgsqlException ← SocketException(ConnectionRefused), as from a closed port
        // end-doc

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            var error = await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync(Cancel));
            Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        }

        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await other.ConnectAsync(otherServer.LocalEndPoint!, Cancel);
        Assert.True(other.Connected);
        Assert.Empty(scope.FilterExceptions());
    }

    /// <summary>A reset of the first connection, mid-session, fails the query on it with the error a reset gives; a
    /// new connection (the client's retry, which may get the same descriptor number) is left alone.</summary>
    [Fact]
    public async Task ResettingTheFirstConnectionFailsItsQueryAndANewConnectionIsLeftAlone()
    {
        string connectionString = new NpgsqlConnectionStringBuilder(postgres.Require()) { Pooling = false }.ConnectionString;
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(postgres.EndPoint!);
        await using var first = new NpgsqlConnection(connectionString);
        await first.OpenAsync(Cancel);
        Assert.Equal(42, await ScalarAsync(first));

        // begin-doc: test-kit/npgsql-reset
        // Npgsql: reset the first connection, not its retry (a retry may get the same descriptor number back).
        scope.Set(FilterType.Recv, Faults.When(SocketMatch.NthSocket(1), Faults.Reset()));
        // the query on it: NpgsqlException ← IOException ← SocketException(ConnectionReset); the next connection works
        // end-doc
        var error = await Assert.ThrowsAsync<NpgsqlException>(() => ScalarAsync(first));
        int retried = await QueryAsync(connectionString);

        var reset = Assert.IsType<SocketException>(Assert.IsType<System.IO.IOException>(error.InnerException).InnerException);
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        Assert.Equal(42, retried);
        Assert.Empty(scope.FilterExceptions());
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select 42", connection);
        return (int)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static async Task<int> QueryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        return await ScalarAsync(connection);
    }

    private static async Task<SocketError> OpenFailsAsync(string connectionString, Filter? connectFault, IPEndPoint database)
    {
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(database);
        scope.Set(FilterType.Connect, connectFault);
        await using var connection = new NpgsqlConnection(connectionString);
        var error = await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync(Cancel));
        return Assert.IsType<SocketException>(error.InnerException).SocketErrorCode;
    }
}
