using ClaimTracker.Api.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Migrations;
using Npgsql;
using Xunit.Abstractions;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Platform;

// The database is killed and started again, twice under write load and once while the API is idle, on a cluster of
// the test's own. While it is gone every request gets a 503 with Retry-After (never a 500, never a hang); every write
// the API acknowledged is there afterwards; and the same API instance serves again once the database is back.
public sealed class FaultTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int Faults = 2;
    private static readonly TimeSpan Up = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);
    // Far longer than any answer should take (a connect timeout is 5 s): a request that reaches it has hung.
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(15);

    // While the database is down, every request logs a failed statement and a 503 warning; 500s are still logged.
    private static readonly Dictionary<string, string?> QuietLogs = new()
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        ["Logging:LogLevel:ClaimTracker.Api.Features.Scoring"] = "None",
        ["Logging:LogLevel:ClaimTracker.Api.Infrastructure.ProblemDetailsExceptionHandler"] = "Error",
    };

    [SkippableFact]
    public async Task Writes_WhileTheDatabaseIsKilledAndRestarted_Get503sLoseNothingAndRecover()
    {
        var binaries = PrivateCluster.FindBinaries();
        var skipReason = PrivateCluster.SkipReason(binaries);
        Skip.If(skipReason is not null, skipReason);
        var total = Stopwatch.StartNew();
        await using var cluster = await PrivateCluster.StartAsync(binaries!);
        var connectionString = await cluster.CreateDatabaseAsync("claimtracker");
        await DatabaseSetup.RunAsync(connectionString, SeedFiles.Locate(null), sample: false, TextWriter.Null, CancellationToken.None);
        var key = (await KeyCommands.CreateAsync(connectionString, "fault test", ClaimTracker.Api.Features.Access.Role.Admin)).Key;
        await using var api = new StandaloneApiFactory(connectionString, QuietLogs) { Key = key };
        var setup = total.Elapsed;

        var record = new Record();
        var recoveries = new List<(TimeSpan Restart, TimeSpan Recovery)>();
        using var stop = new CancellationTokenSource();
        // Clients made one after the other: the factory starts its server on the first, and is not thread-safe.
        var clients = Enumerable.Range(0, Writers).Select(_ => api.CreateClient()).ToList();
        var writers = clients.Select((client, w) => Task.Run(() => WriteAsync(client, w, record, stop.Token))).ToArray();
        try
        {
            await Task.Delay(Up);
            for (var fault = 0; fault < Faults; fault++)
            {
                await cluster.KillAsync();
                record.Phase = Phase.Down;
                await Task.Delay(Down);

                var restarting = record.Clock.Elapsed;
                await cluster.StartAgainAsync();
                var restart = record.Clock.Elapsed - restarting;
                record.Phase = Phase.Back;
                while (!record.EveryWriterSucceededSince(restarting) && record.Clock.Elapsed - restarting < RecoveryLimit)
                    await Task.Delay(20);
                recoveries.Add((restart, record.Clock.Elapsed - restarting));
                record.Phase = Phase.Up;
                await Task.Delay(Up);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        var (pooled, quietFailures) = await RestartWhileIdleAsync(cluster, clients[0]);
        var injected = Faults + 1;
        var status503 = record.Status503 + quietFailures.Count(f => f == HttpStatusCode.ServiceUnavailable);

        var found = await FoundAsync(connectionString, "sources", record.Sources) + await FoundAsync(connectionString, "claims", record.Claims);
        var acknowledged = record.Sources.Count + record.Claims.Count;
        output.WriteLine($"faults injected: {injected} ({Faults} under write load, 1 while idle); writes acknowledged: {acknowledged}, found afterwards: {found}");
        output.WriteLine($"503s: {status503} ({record.Status503WhileDown} of requests sent while the database was down, "
            + $"{record.Status503AfterRestart} once it accepted connections again, {status503 - record.Status503} after the restart while idle); "
            + $"other answers: {record.Failures.Count}");
        output.WriteLine("restart (pg_ctl start) / recovery (every writer answered 2xx again), from the start command: "
            + string.Join(", ", recoveries.Select(r => $"{r.Restart.TotalMilliseconds:0} / {r.Recovery.TotalMilliseconds:0} ms")));
        output.WriteLine($"restart while idle, with {pooled} connections in the pool: {quietFailures.Count} failed reads "
            + $"({string.Join(", ", quietFailures.Select(f => (int)f))}) before the first success");
        output.WriteLine($"test took {total.Elapsed.TotalSeconds:0.0} s, of which {setup.TotalSeconds:0.0} s setting the cluster and the API up");
        var copies = await CopiesAsync(connectionString, record.ClaimTags.Concat(record.AnswerLost));
        output.WriteLine($"claims sent with an Idempotency-Key and retried after 503s until answered: {record.RetriedAndAcknowledged} acknowledged after a retry, "
            + $"{record.AnswerLost.Count} written but their answer lost; recorded twice: {copies.Count(c => c > 1)}");
        await Guarantees.RecordAsync(
            $"faults: injected={injected} acknowledged={acknowledged} found={found} status503={status503} "
            + $"retried={record.RetriedAndAcknowledged + record.AnswerLost.Count} duplicates={copies.Count(c => c > 1)} "
            + $"recovery_ms={recoveries.Max(r => r.Recovery.TotalMilliseconds):0}");

        Assert.True(record.Failures.IsEmpty, $"{record.Failures.Count} answers other than 2xx and 503, e.g.: {string.Join(" | ", record.Failures.Take(5))}"
            + $"; the API logged: {string.Join(" | ", api.Errors.Entries.Take(3))}");
        Assert.Equal(acknowledged, found);
        Assert.All(copies, c => Assert.Equal(1, c));
        Assert.True(record.Status503WhileDown > 0, "No 503 while the database was down.");
        Assert.All(recoveries, r => Assert.True(r.Recovery < RecoveryLimit, $"No recovery within {RecoveryLimit}."));
        Assert.All(quietFailures, f => Assert.Equal(HttpStatusCode.ServiceUnavailable, f));
        Assert.True(quietFailures.Count <= 2, $"{quietFailures.Count} failures after a restart while idle: the pool served its dead connections one by one.");
    }

    // The database restarts while the API is idle, its pool full of connections that the restart broke. Reads one after
    // the other until one succeeds: if the pool handed out its dead connections one by one, each would be a 503.
    private static async Task<(long Pooled, List<HttpStatusCode> Failures)> RestartWhileIdleAsync(PrivateCluster cluster, HttpClient client)
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/sources?pageSize=1")));
        long pooled;
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = 'claimtracker'", connection);
            pooled = (long)(await count.ExecuteScalarAsync())!;
        }
        await cluster.KillAsync();
        await cluster.StartAgainAsync();

        var failures = new List<HttpStatusCode>();
        while (failures.Count < 50)
        {
            using var response = await client.GetAsync("/sources?pageSize=1");
            if (response.IsSuccessStatusCode) break;
            failures.Add(response.StatusCode);
        }
        return (pooled, failures);
    }

    // Each writer alternates a new source and a new claim (with its article, outlet and origin), as fast as it is answered.
    private static async Task WriteAsync(HttpClient client, int writer, Record record, CancellationToken stop)
    {
        client.Timeout = RequestLimit;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var started = record.Clock.Elapsed;
            var phase = record.Phase;
            var tag = $"{writer}-{i}-{Unique()}";
            try
            {
                if (i % 2 == 1)
                {
                    await RecordClaimRetryingAsync(client, writer, tag, record, stop);
                    continue;
                }
                using var response = await client.PostJsonAsync("/sources", Source($"Fault source {tag}"));
                if (response.IsSuccessStatusCode)
                {
                    record.Sources.Add((await response.ReadAsync<SourceResponse>()).Id);
                    record.Succeeded(writer, started);
                }
                else if (!IsUnavailable(response, phase, record))
                {
                    record.Failures.Enqueue($"{(int)response.StatusCode} (Retry-After: {response.Headers.RetryAfter}) {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (TaskCanceledException)
            {
                record.Failures.Enqueue($"no answer within {RequestLimit} ({phase})");
            }
            catch (HttpRequestException exception)
            {
                record.Failures.Enqueue($"{exception.GetType().Name}: {exception.Message}");
            }
        }
    }

    // As a newsroom script does it: the claim is sent with an Idempotency-Key and sent again, with the same key, after
    // each 503, until it is answered. However many attempts it takes, the claim must be recorded once.
    private static async Task RecordClaimRetryingAsync(HttpClient client, int writer, string tag, Record record, CancellationToken stop)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; !stop.IsCancellationRequested; attempt++)
        {
            var started = record.Clock.Elapsed;
            var phase = record.Phase;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/claims")
            {
                Content = System.Net.Http.Json.JsonContent.Create(NewClaim(tag), options: ApiFactory.Json),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request, CancellationToken.None);
            if (response.IsSuccessStatusCode)
            {
                record.Claims.Add((await response.ReadAsync<ClaimResponse>()).Id);
                record.ClaimTags.Add(tag);
                if (attempt > 1) Interlocked.Increment(ref record.RetriedAndAcknowledged);
                record.Succeeded(writer, started);
                return;
            }
            if (response.StatusCode == HttpStatusCode.Conflict && attempt > 1)
            {
                // Written, but the answer was lost with the database: the claim must be there, once.
                record.AnswerLost.Add(tag);
                return;
            }
            if (!IsUnavailable(response, phase, record))
            {
                record.Failures.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return;
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static bool IsUnavailable(HttpResponseMessage response, Phase phase, Record record)
    {
        if (response is not { StatusCode: HttpStatusCode.ServiceUnavailable, Headers.RetryAfter: not null }
            || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return false;
        Interlocked.Increment(ref record.Status503);
        if (phase == Phase.Down) Interlocked.Increment(ref record.Status503WhileDown);
        if (phase == Phase.Back) Interlocked.Increment(ref record.Status503AfterRestart);
        return true;
    }

    // How many claims each statement was recorded as: exactly one each, or a retry acted twice.
    private static async Task<List<long>> CopiesAsync(string connectionString, IEnumerable<string> tags)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var statements = tags.Select(NewClaimStatement).ToArray();
        await using var command = new NpgsqlCommand(
            "SELECT s, (SELECT count(*) FROM claims c WHERE c.statement = s) FROM unnest(@statements) AS s", connection);
        command.Parameters.AddWithValue("statements", statements);
        var copies = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) copies.Add(reader.GetInt64(1));
        return copies;
    }

    // The acknowledged ids that are in the table, looked up one by one in a single query.
    private static async Task<int> FoundAsync(string connectionString, string table, IEnumerable<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE id = ANY (@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.Distinct().ToArray());
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    // Down: from the kill until the server accepts connections again; Back: from then until every writer has recovered.
    private enum Phase { Up, Down, Back }

    private sealed class Record
    {
        public readonly Stopwatch Clock = Stopwatch.StartNew();
        public readonly ConcurrentBag<Guid> Sources = [];
        public readonly ConcurrentBag<Guid> Claims = [];
        public readonly ConcurrentBag<string> ClaimTags = [];
        public readonly ConcurrentBag<string> AnswerLost = [];
        public int RetriedAndAcknowledged;
        public readonly ConcurrentQueue<string> Failures = new();
        public volatile Phase Phase;
        public int Status503;
        public int Status503WhileDown;
        public int Status503AfterRestart;

        // When each writer's latest acknowledged request was sent, in ticks of Clock.
        private readonly long[] _lastSuccess = new long[Writers];

        public void Succeeded(int writer, TimeSpan started) => Interlocked.Exchange(ref _lastSuccess[writer], started.Ticks);

        public bool EveryWriterSucceededSince(TimeSpan time) =>
            Enumerable.Range(0, Writers).All(w => Interlocked.Read(ref _lastSuccess[w]) >= time.Ticks);
    }
}
