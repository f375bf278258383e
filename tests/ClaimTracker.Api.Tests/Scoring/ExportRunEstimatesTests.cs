using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Scoring;

public sealed class ExportRunEstimatesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ExportRunEstimates_AsNdjsonAndCsv_GivesEveryEstimateOfTheRunOnce()
    {
        var tag = Unique();
        var file = Ndjson(
            new { source = $"A {tag}", question = $"q-{tag}", claim = $"Kim said \"yes\", then left {tag}", polarity = "affirms" },
            new { source = $"B {tag}", question = $"q-{tag}", claim = $"Kim stayed {tag}", polarity = "affirms" },
            new { source = $"B {tag}", claim = $"Putin waited {tag}", polarity = "denies" });
        await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var run = await ScoringCalls.RunAsync(_client);
        var expected = await api.QueryAsync("SELECT claim_id, probability FROM claim_estimates WHERE run_id = @run ORDER BY claim_id", run.Id);

        var ndjson = await _client.GetAsync($"/scoring/runs/{run.Id}/estimates");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/scoring/runs/{run.Id}/estimates");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await _client.SendAsync(request);

        await ndjson.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(expected.Select(r => (r[0]!.ToString()!, (double)r[1]!)),
            lines.Select(l => (l["claimId"]!.GetValue<string>(), l["probability"]!.GetValue<double>())));
        var quoted = Assert.Single(lines, l => l["statement"]!.GetValue<string>().StartsWith("Kim said"));
        Assert.Equal($"q-{tag}", quoted["question"]!.GetValue<string>());

        await csv.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("claimId,question,statement,probability,affirmWeight,denyWeight", rows[0]);
        Assert.Equal(expected.Count, rows.Length - 1);
        Assert.Contains($"q-{tag},\"Kim said \"\"yes\"\", then left {tag}\",", rows[1..].Single(r => r.Contains("Kim said")));
    }

    [Fact]
    public async Task ExportRunEstimates_OfAnUnknownRun_Returns404()
    {
        var response = await _client.GetAsync($"/scoring/runs/{Guid.NewGuid()}/estimates");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
