using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// How many times a create waits for PostgreSQL, idempotency and audit included. Counted from Npgsql's own tracing: one
// activity per command or batch sent, each one round trip; a commit sent on its own would be one more (here it rides
// with the kept answer). Six today: the key's claim, the lookups, the article, the inserts, the audit entry with the
// answer's read, the kept answer with the commit (issue 13's target is four).
public sealed class RecordClaimRoundTripTests(RecordClaimRoundTripTests.Fixture api, ITestOutputHelper output)
    : IClassFixture<RecordClaimRoundTripTests.Fixture>
{
    // A database of its own: the activities of other test classes running at the same time are told apart by it.
    public sealed class Fixture : ApiFactory;

    public const int MaxRoundTrips = 6;

    [Fact]
    public async Task RecordClaim_WithAnIdempotencyKey_TakesAtMostSixRoundTrips()
    {
        var client = api.CreateClient();
        var suffix = Unique();
        // The sources the benchmark's creates name: a publisher and an origin stored before.
        await client.CreateSourceAsync(Source($"Outlet {suffix}", slug: $"outlet-{suffix}"));
        await client.CreateSourceAsync(Source($"Official {suffix}", "official", slug: $"official-{suffix}"));
        object Create(string statement) => Claim(statement, Report(
            Article($"https://bench.test/{suffix}/{Unique()}", Slug($"outlet-{suffix}")),
            [Link(Slug($"official-{suffix}"), "origin")], statedConfidence: 0.6), "benchmark");
        // Caches (key, lexicon) warm, as they are for all but a process's first requests.
        await Send(client, Create($"Officials expect the summit talks to be settled ({suffix} warm-up)"), Unique());

        var database = new NpgsqlConnectionStringBuilder(api.ConnectionString).Database!;
        using var trips = new RoundTrips(database);
        var response = await Send(client, Create($"Officials expect the railway treaty to be settled ({suffix})"), Unique());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        foreach (var trip in trips.Seen) output.WriteLine(trip);
        Assert.InRange(trips.Seen.Count, 1, MaxRoundTrips);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/claims") { Content = JsonContent(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static HttpContent JsonContent(object body) =>
        new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    // Npgsql's activities on one database while it is alive: a command or batch each, plus each transaction's commit.
    private sealed class RoundTrips : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<string> _seen = new();

        public RoundTrips(string database)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Tags.Any(t => t.Value == database) || activity.DisplayName.Contains(database, StringComparison.Ordinal))
                        _seen.Enqueue($"{activity.DisplayName}: {activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")}");
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<string> Seen => [.. _seen];

        public void Dispose() => _listener.Dispose();
    }
}
