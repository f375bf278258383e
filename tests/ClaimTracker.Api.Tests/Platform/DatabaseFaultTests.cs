using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Npgsql;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Platform;

// A database that cannot be reached, or that takes too long, is the server's problem of the moment: 503 with
// Retry-After, never a 500 or a hang. Scoring runs and imports are not held to a request's time limit.
public sealed class DatabaseFaultTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Dictionary<string, string?> OneSecondStatements = new()
    {
        [$"{DatabaseOptions.Section}:StatementTimeoutSeconds"] = "1",
    };

    [Theory]
    [InlineData("GET", "/sources")]
    [InlineData("POST", "/sources")]
    [InlineData("GET", "/claims")]
    [InlineData("POST", "/claims")]
    public async Task Request_WhenNothingListensAtTheDatabaseAddress_Returns503WithRetryAfter(string method, string url)
    {
        await using var down = new StandaloneApiFactory(NothingListening());
        var client = down.CreateClient();

        var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostJsonAsync(url, url == "/sources" ? Source($"Unreachable {Unique()}") : NewClaim(Unique()));

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Database unavailable", problem.Title);
        Assert.Equal($"The database is unavailable; retry after {ProblemDetailsExceptionHandler.RetryAfterSeconds} seconds.", problem.Detail);
        Assert.Equal(TimeSpan.FromSeconds(ProblemDetailsExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
    }

    // Seen in FaultTests under load: the server dies between two statements of a command's transaction.
    [Theory]
    [InlineData("Transaction is already completed", true)]
    [InlineData("This NpgsqlTransaction has completed; it is no longer usable.", true)]
    [InlineData("Sequence contains no elements", false)]
    public void TransactionEndedByABrokenConnection_CountsAsTheDatabaseBeingAway(string message, bool unavailable)
    {
        Assert.Equal(unavailable, PostgresErrors.IsUnavailable(new InvalidOperationException(message) { Source = "Npgsql" }));
        Assert.False(PostgresErrors.IsUnavailable(new InvalidOperationException(message)));
    }

    [Fact]
    public async Task Health_WhenNothingListensAtTheDatabaseAddress_IsLiveButNotReady()
    {
        await using var down = new StandaloneApiFactory(NothingListening());
        var client = down.CreateClient();

        await (await client.GetAsync("/health/live")).AssertStatusAsync(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        await ready.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        var health = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("unhealthy", (string?)health["checks"]?["database"]);
    }

    [Fact]
    public async Task Request_WaitingLongerThanTheStatementTimeout_Returns503AndTheNextOneSucceeds()
    {
        await using var slow = new StandaloneApiFactory(api.ConnectionString, OneSecondStatements);
        var client = slow.CreateClient();

        await using (var blocker = await LockAsync("LOCK TABLE sources IN ACCESS EXCLUSIVE MODE"))
        {
            var response = await client.GetAsync("/sources");

            var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Database too slow", problem.Title);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        await (await client.GetAsync("/sources")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Import_WaitingLongerThanTheStatementTimeout_StillLoads()
    {
        await using var slow = new StandaloneApiFactory(api.ConnectionString, OneSecondStatements);
        var client = slow.CreateClient();
        var tag = Unique();
        var file = $$"""{"source": "Slow Wire {{tag}}", "claim": "The train left at dawn {{tag}}", "polarity": "affirms"}""" + "\n";

        // New sources cannot be inserted while the lock is held: the load waits for it, well past one second.
        await using var blocker = await LockAsync("LOCK TABLE sources IN SHARE MODE");
        var sent = client.PostAsync($"/imports?name=slow-{tag}.ndjson", new StringContent(file, Encoding.UTF8, "application/x-ndjson"));
        await WaitForLockWaiterAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await blocker.DisposeAsync();

        var response = await sent;
        await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(ImportStatus.Succeeded, (await response.ReadAsync<ImportResponse>()).Status);
    }

    [Fact]
    public async Task StatementTimeout_IsSetForRequestsAndLiftedForBulkWork()
    {
        var requests = new DatabaseOptions().Apply(api.ConnectionString);

        Assert.Equal("30s", await ShowStatementTimeoutAsync(requests));
        Assert.Equal("0", await ShowStatementTimeoutAsync(DatabaseOptions.ForBulkWork(requests)));
    }

    [Fact]
    public void Apply_AddsTheTimeouts_WhereTheConnectionStringSetsNone()
    {
        var applied = new NpgsqlConnectionStringBuilder(new DatabaseOptions().Apply("Host=db;Username=app;Options=-c search_path=app"));

        Assert.Equal((5, 35, "-c search_path=app -c statement_timeout=30s"), (applied.Timeout, applied.CommandTimeout, applied.Options));
    }

    [Fact]
    public void Apply_KeepsTheTimeoutsTheConnectionStringSets()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            new DatabaseOptions().Apply("Host=db;Timeout=15;Command Timeout=0;Options=-c statement_timeout=2min"));

        Assert.Equal((15, 0, "-c statement_timeout=2min"), (applied.Timeout, applied.CommandTimeout, applied.Options));
    }

    // A port that was free a moment ago: connecting is refused at once.
    private static string NothingListening()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return $"Host=127.0.0.1;Port={port};Database=claimtracker;Username=claimtracker;Password=claimtracker";
    }

    // Another client's transaction holding a lock; closing the connection rolls it back.
    private async Task<NpgsqlConnection> LockAsync(string sql)
    {
        var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task WaitForLockWaiterAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'sources'::regclass", connection);
        for (var tries = 0; tries < 600 && (long)(await command.ExecuteScalarAsync())! == 0; tries++) await Task.Delay(50);
    }

    private static async Task<string> ShowStatementTimeoutAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW statement_timeout", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
