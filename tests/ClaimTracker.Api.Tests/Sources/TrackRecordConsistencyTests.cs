using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using Npgsql;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Sources;

// Track records are counted incrementally by triggers (source_track_record_counts); the view
// source_track_records_recomputed is their definition. After many random writes (imports of assertions among them),
// sent a few at a time so that transactions touching the same sources overlap, both must agree on every source.
public sealed class TrackRecordConsistencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // TRACK_RECORD_OPERATIONS raises it to the 10,000 for a longer run.
    private static readonly int Operations =
        int.TryParse(Environment.GetEnvironmentVariable("TRACK_RECORD_OPERATIONS"), out var n) ? n : 1500;
    private const int Concurrency = 4;

    private static readonly string[] Stances = ["confirms", "contradicts", "partly_confirms", "mentions"];
    private static readonly string[] Resolutions = ["true", "false", "mixed", "unresolvable", "superseded"];

    private readonly HttpClient _client = api.CreateClient();
    private readonly HttpClient _importer = api.ImportClient();

    private sealed record Row(Guid SourceId, int Originated, int Relayed, int Confirmed, int PartlyConfirmed, int Contradicted,
        int Disputed, int Pending, int Unresolvable, int SampleSize, double? Accuracy);

    [Fact]
    public async Task TrackRecordCounts_AfterRandomMixedWrites_EqualAFullRecomputation()
    {
        var random = new Random(1313);
        var token = Unique();
        var slugs = new List<string>();
        for (var i = 0; i < 10; i++)
            slugs.Add((await _client.CreateSourceAsync(Source($"Track {i} {token}", i % 3 == 0 ? "wire_agency" : "outlet"))).Slug);
        var claims = new List<ClaimResponse>();
        var gate = new object();
        var applied = new Dictionary<string, int>();

        async Task RunAsync(int index, int kind, int pick, int salt)
        {
            ClaimResponse? target;
            lock (gate) target = claims.Count == 0 ? null : claims[pick % claims.Count];
            if (target is null) kind = 0;
            if (kind is >= 92 and < 95)
            {
                await ImportAsync(index, target!, salt);
                return;
            }
            var (name, response) = kind switch
            {
                < 25 => ("record", await _client.PostJsonAsync("/claims", NewClaim($"{token}-{index}", chain: Chain(salt), reportedAt: When(salt)))),
                < 45 => ("report", await _client.PostJsonAsync($"/claims/{target!.Id}/reports",
                    Report(Article($"https://news.test/{token}/{index}", Slug(slugs[salt % slugs.Count])), Chain(salt / 7), reportedAt: When(salt / 3)))),
                < 65 => ("evidence", await _client.PostJsonAsync($"/claims/{target!.Id}/evidence", NewEvidence(Stances[salt % Stances.Length], conclusive: salt % 5 != 0))),
                < 80 => ("resolution", await _client.PostJsonAsync($"/claims/{target!.Id}/resolution", ResolutionBody(target!.Version, salt))),
                < 92 => ("reopen", await _client.PostJsonAsync($"/claims/{target!.Id}/reopen", Reopen(target!.Version))),
                _ => ("merge", await MergeAsync(target!, pick, salt)),
            };
            Assert.True((int)response.StatusCode < 500, $"{name} #{index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (!response.IsSuccessStatusCode) return;
            var claim = await response.ReadAsync<ClaimResponse>();
            lock (gate)
            {
                applied[name] = applied.GetValueOrDefault(name) + 1;
                if (name == "merge") claims.RemoveAll(c => c.Id == target!.Id);
                var at = claims.FindIndex(c => c.Id == claim.Id);
                if (at >= 0) claims[at] = claim; else if (claim.MergedIntoId is null) claims.Add(claim);
            }
        }

        // A file of assertions about a claim already recorded and a new one, affirming or denying, some resolving: the
        // import's partition is attached out of sight of the assertions triggers, so ImportStaging refreshes its claims.
        async Task ImportAsync(int index, ClaimResponse target, int salt)
        {
            var file = ImportCalls.Ndjson(
                new { source = slugs[salt % slugs.Count], claim = target.Statement, polarity = salt % 3 == 0 ? "denies" : "affirms", time = When(salt / 5) },
                new { source = slugs[(salt + 1) % slugs.Count], claim = $"Imported {token}-{index}", polarity = "affirms", time = When(salt / 13) },
                new { source = slugs[(salt + 2) % slugs.Count], claim = $"Imported {token}-{index}", polarity = salt % 2 == 0 ? "denies" : "affirms",
                      resolution = Resolutions[salt % 4] });
            var response = await _importer.PostAsync("/imports", ImportCalls.Body(file, "application/x-ndjson"));
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"import #{index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            lock (gate) applied["import"] = applied.GetValueOrDefault("import") + 1;
        }

        Task<HttpResponseMessage> MergeAsync(ClaimResponse from, int pick, int salt)
        {
            ClaimResponse into;
            lock (gate) into = claims[(pick + 1 + salt % 5) % claims.Count];
            return _client.PostJsonAsync($"/claims/{from.Id}/merge", new { into = into.Id });
        }

        List<object> Chain(int salt) =>
            [.. Enumerable.Range(0, 1 + salt % 3).Select(i => Link(Slug(slugs[(salt + i * 3) % slugs.Count]), i == 0 && salt % 4 != 0 ? "origin" : "relay"))];

        static string When(int salt) => new DateTimeOffset(2023, 9, 1, 0, 0, 0, TimeSpan.Zero).AddHours(salt % 500).ToString("O");

        static object ResolutionBody(int version, int salt)
        {
            var resolution = Resolutions[salt % Resolutions.Length];
            return resolution == "superseded"
                ? new { resolution, reason = "Later events changed it.", version, trueUntil = When(salt / 11) }
                : Resolution(resolution, version);
        }

        for (var done = 0; done < Operations; done += Concurrency)
        {
            var batch = Enumerable.Range(done, Math.Min(Concurrency, Operations - done))
                .Select(i => (i, kind: random.Next(100), pick: random.Next(1_000_000), salt: random.Next(1_000_000))).ToList();
            await Task.WhenAll(batch.Select(b => RunAsync(b.i, b.kind, b.pick, b.salt)));
        }

        var incremental = await ReadAsync("source_track_record_counts");
        var recomputed = await ReadAsync("source_track_records_recomputed");

        Assert.Equal(recomputed, incremental);
        // The comparison means something only if the writes reached every outcome the counts keep.
        var ours = recomputed.Where(r => r.Originated + r.Relayed > 0).ToList();
        Assert.True(ours.Count >= slugs.Count, $"only {ours.Count} sources carried claims");
        Assert.All(new Func<Row, int>[] { r => r.Confirmed, r => r.PartlyConfirmed, r => r.Contradicted, r => r.Pending, r => r.Unresolvable, r => r.Disputed },
            outcome => Assert.True(ours.Sum(outcome) > 0, "an outcome never occurred"));
        Assert.All(new[] { "record", "report", "evidence", "resolution", "reopen", "merge", "import" },
            name => Assert.True(applied.GetValueOrDefault(name) > 0, $"no {name} succeeded"));
    }

    private async Task<List<Row>> ReadAsync(string relation)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT source_id, originated, relayed, confirmed, partly_confirmed, contradicted, disputed, pending, unresolvable,
                   sample_size, accuracy
            FROM {relation} ORDER BY source_id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9),
                reader.IsDBNull(10) ? null : reader.GetDouble(10)));
        return rows;
    }
}
