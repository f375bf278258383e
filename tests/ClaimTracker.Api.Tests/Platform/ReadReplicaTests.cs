using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Migrations;
using Npgsql;
using Xunit.Abstractions;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Platform;

// A primary and a real hot standby (pg_basebackup -R, streaming), each a cluster of the test's own. The API gets the
// primary for commands and "primary,standby" with prefer-standby for reads. The standby's replay is paused while a
// source is created, so that it lacks a row the primary has: a read that answers 404 for it ran on the standby, one
// that finds it ran on the primary. Then the primary is stopped and reads go on while writes get 503s.
public sealed class ReadReplicaTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReplayLimit = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> QuietLogs = new()
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        ["Logging:LogLevel:ClaimTracker.Api.Features.Scoring"] = "None",
        ["Logging:LogLevel:ClaimTracker.Api.Features.Claims"] = "None",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        ["Logging:LogLevel:ClaimTracker.Api.Infrastructure.ProblemDetailsExceptionHandler"] = "Error",
    };

    [SkippableFact]
    public async Task Reads_ServedByTheStandby_WritesByThePrimary_ReadsGoOnWhileThePrimaryIsDown()
    {
        var binaries = PrivateCluster.FindBinaries();
        var skipReason = PrivateCluster.SkipReason(binaries)
            ?? (File.Exists(Path.Combine(binaries!, "pg_basebackup")) ? null : $"pg_basebackup is not in {binaries}; apt-get install postgresql.");
        Skip.If(skipReason is not null, skipReason);
        var clock = Stopwatch.StartNew();
        await using var primary = await PrivateCluster.StartAsync(binaries!);
        var primaryDb = await primary.CreateDatabaseAsync("claimtracker");
        await DatabaseSetup.RunAsync(primaryDb, SeedFiles.Locate(null), sample: false, TextWriter.Null, CancellationToken.None);
        var key = (await KeyCommands.CreateAsync(primaryDb, "replica test", ClaimTracker.Api.Features.Access.Role.Admin)).Key;
        await using var standby = await primary.StartStandbyAsync();
        var standbyDb = standby.ConnectionString("claimtracker");
        Assert.True(await ScalarAsync<bool>(standbyDb, "SELECT pg_is_in_recovery()"), "The second cluster is not a standby.");
        var reads = new NpgsqlConnectionStringBuilder(primaryDb)
        {
            Host = $"127.0.0.1:{new NpgsqlConnectionStringBuilder(primaryDb).Port},127.0.0.1:{new NpgsqlConnectionStringBuilder(standbyDb).Port}",
        }.ConnectionString + ";Target Session Attributes=prefer-standby";
        var settings = new Dictionary<string, string?>(QuietLogs) { [$"ConnectionStrings:{ReadReplica.ConnectionStringName}"] = reads };
        await using var api = new StandaloneApiFactory(primaryDb, settings) { Key = key };
        var client = api.CreateClient();
        output.WriteLine($"primary, standby and API up in {clock.Elapsed.TotalSeconds:0.0} s");

        var ready = await ReadyAsync(client);
        Assert.Equal(("healthy", "healthy", "healthy"), ready);

        // The standby stops applying the primary's WAL: what is written from now on exists on the primary only.
        await ScalarAsync<string>(standbyDb, "SELECT pg_wal_replay_pause()::text");
        await WaitAsync(standbyDb, "SELECT pg_get_wal_replay_pause_state() = 'paused'", "the standby's replay to pause");
        var name = $"Replica source {Unique()}";
        var created = await client.PostJsonAsync("/sources", Source(name)).ExpectAsync<SourceResponse>(HttpStatusCode.Created);
        Assert.Equal(name, created.Name);
        Assert.Equal(1L, await ScalarAsync<long>(primaryDb, $"SELECT count(*) FROM sources WHERE id = '{created.Id}'"));
        Assert.Equal(0L, await ScalarAsync<long>(standbyDb, $"SELECT count(*) FROM sources WHERE id = '{created.Id}'"));

        await (await client.GetAsync($"/sources/{created.Slug}")).AssertStatusAsync(HttpStatusCode.NotFound);
        var byName = $"/sources?name={Uri.EscapeDataString(name)}";
        Assert.DoesNotContain(created.Id.ToString(), await client.GetStringAsync(byName));
        var strong = await client.SendAsync(Strong($"/sources/{created.Slug}"));
        await strong.AssertStatusAsync(HttpStatusCode.OK);

        await ScalarAsync<string>(standbyDb, "SELECT pg_wal_replay_resume()::text");
        var written = await ScalarAsync<string>(primaryDb, "SELECT pg_current_wal_lsn()::text");
        await WaitAsync(standbyDb, $"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn", "the standby to replay the new source");
        await (await client.GetAsync($"/sources/{created.Slug}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(created.Id.ToString(), await client.GetStringAsync(byName));

        await primary.KillAsync();
        var down = Stopwatch.StartNew();
        Assert.Equal(name, (await client.GetOkAsync<GetSource.Response>($"/sources/{created.Slug}")).Source.Name);
        await (await client.GetAsync("/claims?pageSize=5")).AssertStatusAsync(HttpStatusCode.OK);
        var write = await client.PostJsonAsync("/sources", Source($"Replica source {Unique()}"));
        var problem = await write.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Database unavailable", problem.Title);
        await (await client.SendAsync(Strong($"/sources/{created.Slug}"))).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(("degraded", "degraded", "healthy"), await ReadyAsync(client));
        output.WriteLine($"with the primary stopped: reads 200, writes 503, ready 'degraded' ({down.ElapsedMilliseconds} ms); "
            + $"test took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Empty(api.Errors.Entries);
    }

    private static HttpRequestMessage Strong(string url) =>
        new(HttpMethod.Get, url) { Headers = { { DatabaseRoute.ConsistencyHeader, DatabaseRoute.Strong } } };

    // Status code 200 for both healthy and degraded; the body tells them apart.
    private static async Task<(string Status, string? Primary, string? Reads)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)health["status"]!, (string?)health["checks"]?["database"], (string?)health["checks"]?["database-read"]);
    }

    private static async Task WaitAsync(string connectionString, string condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await ScalarAsync<bool>(connectionString, condition))
        {
            if (waited.Elapsed > ReplayLimit) throw new TimeoutException($"Waited {ReplayLimit} for {what}.");
            await Task.Delay(50);
        }
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
