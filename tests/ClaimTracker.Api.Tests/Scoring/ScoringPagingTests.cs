using System.Net;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Scoring;

// Keyset pages of the scoring lists, on the seeded sample story (so runs score sources).
public sealed class ScoringPagingTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Runs_AndReliabilityHistory_WalkedByToken_ReturnEveryRunOnceNewestFirst()
    {
        for (var i = 0; i < 3; i++) await ScoringCalls.RunAsync(_client);
        var runs = (await _client.GetOkAsync<PagedList<RunResponse>>("/scoring/runs?pageSize=100")).Items.Select(r => r.Id).ToList();
        var history = (await HistoryAsync("pageSize=100")).Items.Select(p => p.RunId).ToList();

        var walkedRuns = (await TokenWalk.WalkAsync(
            token => _client.GetOkAsync<PagedList<RunResponse>>("/scoring/runs?pageSize=1" + TokenWalk.After(token)))).Select(r => r.Id).ToList();
        var walkedHistory = (await TokenWalk.WalkAsync(token => HistoryAsync("pageSize=1" + TokenWalk.After(token)))).Select(p => p.RunId).ToList();

        Assert.True(runs.Count >= 3 && history.Count >= 3, $"{runs.Count} runs, {history.Count} points");
        Assert.Equal(runs, walkedRuns);
        Assert.Equal(history, walkedHistory);
    }

    [Fact]
    public async Task ReliabilityHistory_WithTheTokenOfAnotherSource_IsRefusedNamingPageToken()
    {
        for (var i = 0; i < 2; i++) await ScoringCalls.RunAsync(_client);
        var token = (await HistoryAsync("pageSize=1")).NextPageToken!;

        var response = await _client.GetAsync($"/sources/yonhap/reliability/history?pageSize=1&pageToken={token}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
    }

    private async Task<PagedList<GetReliabilityHistory.Point>> HistoryAsync(string query) =>
        (await _client.GetOkAsync<GetReliabilityHistory.Response>($"/sources/ytn/reliability/history?{query}")).History;
}
