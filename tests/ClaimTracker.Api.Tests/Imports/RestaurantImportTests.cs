using System.Net;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Scoring.Tests;
using Npgsql;
using Xunit.Abstractions;

namespace ClaimTracker.Api.Tests.Imports;

// The Restaurant truth-discovery data set end to end, the way a user would: converted to NDJSON assertions, loaded
// through POST /imports, scored by a run, read back as truth estimates, and compared with the golden file and with
// majority vote. The votes are from 2009, so the half-life is set long enough that their age does not matter.
// Figures for the README: scripts/test.sh --filter RestaurantImportTests --logger "console;verbosity=detailed"
public sealed class RestaurantImportTests(RestaurantImportTests.Fixture api, ITestOutputHelper output) : IClassFixture<RestaurantImportTests.Fixture>
{
    public sealed class Fixture : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [$"{ScoringOptions.Section}:HalfLifeDays"] = "1000000",
        };
    }

    [SkippableFact]
    public async Task Restaurant_LoadedThroughTheImportAndScored_BeatsMajorityVote()
    {
        var directory = RestaurantData.FindDirectory();
        Skip.If(directory is null, "../shared/data/truth-discovery/restaurant is not here.");
        var set = RestaurantData.Load(directory!);
        var client = api.CreateClient();

        var lines = new StringBuilder();
        foreach (var a in set.Assertions)
            lines.AppendLine(JsonSerializer.Serialize(new
            {
                source = a.Source, claim = Statement(a.Restaurant), polarity = a.Affirms ? "affirms" : "denies", time = a.At.ToString("O"),
            }));
        var imported = await client.PostAsync("/imports?name=restaurant.ndjson",
            new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        Assert.Equal(set.Assertions.Count, imported.LinesLoaded);

        var run = await ScoringCalls.RunAsync(client);

        var estimates = new Dictionary<string, double>();
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT c.statement, e.probability FROM claim_estimates e JOIN claims c ON c.id = e.claim_id WHERE e.run_id = @run", connection);
            command.Parameters.AddWithValue("run", run.Id);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) estimates[reader.GetString(0)] = reader.GetDouble(1);
        }

        var affirms = set.Assertions.Where(a => a.Affirms).GroupBy(a => a.Restaurant).ToDictionary(g => g.Key, g => g.Count());
        var denies = set.Assertions.Where(a => !a.Affirms).GroupBy(a => a.Restaurant).ToDictionary(g => g.Key, g => g.Count());
        int scorer = 0, tiesOpen = 0, tiesClosed = 0;
        foreach (var (name, open) in set.Golden)
        {
            int a = affirms.GetValueOrDefault(name), d = denies.GetValueOrDefault(name);
            // A restaurant nobody voted on is not a claim at all: like a tie, it is called open at p = 0.5.
            scorer += estimates.GetValueOrDefault(Statement(name), 0.5) >= 0.5 == open ? 1 : 0;
            tiesOpen += a >= d == open ? 1 : 0;
            tiesClosed += a > d == open ? 1 : 0;
        }
        var golden = (double)set.Golden.Count;
        output.WriteLine($"imported {imported.LinesLoaded} assertions in {imported.DurationMs} ms; run {run.Id} in {run.DurationMs} ms, {run.Summary!.Iterations} iterations");
        output.WriteLine($"accuracy on {set.Golden.Count} golden restaurants: truth estimates {scorer / golden:0.0000}, majority vote {tiesOpen / golden:0.0000} (ties open), {tiesClosed / golden:0.0000} (ties closed)");

        Assert.True(scorer > tiesOpen && scorer > tiesClosed,
            $"truth estimates {scorer / golden:0.0000} do not beat majority vote ({tiesOpen / golden:0.0000} ties open, {tiesClosed / golden:0.0000} ties closed)");
    }

    private static string Statement(string restaurant) => $"{restaurant} is still open";
}
