using System.Diagnostics;
using System.Net;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Api.Tests.Scoring;

// Re-scoring over HTTP on the seeded sample story: runs, their progress and results, history and "as of".
public sealed class StartScoringRunTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task StartScoringRun_OnTheSampleStory_ScoresEverySourceAndEstimatesTheOpenClaims()
    {
        var run = await ScoringCalls.RunAsync(_client);

        Assert.Equal((RunTrigger.Manual, 20, 9), (run.Trigger, run.Summary!.Sources, run.Summary.Claims));
        Assert.True(run.Summary.Votes > 0 && run.DurationMs >= 0 && run.FinishedAt >= run.StartedAt);
        Assert.Equal(0.5, run.Parameters.RelayWeight);

        var yonhap = await _client.GetOkAsync<GetSourceReliability.Response>("/sources/yonhap/reliability");
        Assert.Equal(run.Id, yonhap.Run.Id);
        Assert.True(yonhap.Lower < yonhap.Mean && yonhap.Mean < yonhap.Upper, $"{yonhap.Lower} < {yonhap.Mean} < {yonhap.Upper}");
        Assert.True(yonhap.EffectiveSamples > 0);
        var appears = Assert.Single(yonhap.Calibration, c => c.Kind == "term" && c.Key == "appears");
        Assert.Equal(2, appears.Count);
        Assert.Equal(1.0, appears.Observed);

        var c6 = await ClaimIdAsync("North Korea is supplying Russia with rockets and missiles");
        var truth = await _client.GetOkAsync<GetClaimTruth.Response>($"/claims/{c6}/truth");
        Assert.Equal(GetClaimTruth.Basis.Estimate, truth.Basis);
        Assert.InRange(truth.Probability!.Value, 0, 1);
        Assert.Contains(truth.Explanation, p => p.Source.Slug == "us-government" && p.Polarity == "affirms");

        var c1 = await ClaimIdAsync("Kim Jong Un's train has departed for Russia");
        Assert.Equal(GetClaimTruth.Basis.KnownOutcome, (await _client.GetOkAsync<GetClaimTruth.Response>($"/claims/{c1}/truth")).Basis);
    }

    [Fact]
    public async Task StartScoringRun_StoppedBeforeConverging_SaysSoInItsSummary()
    {
        await using var instance = api.AnotherInstance(new Dictionary<string, string?> { [$"{ScoringOptions.Section}:MaxIterations"] = "1" });

        var run = await ScoringCalls.RunAsync(instance.CreateClient());
        var converged = await ScoringCalls.RunAsync(_client);

        Assert.False(run.Summary!.Converged);
        Assert.Contains(run.Summary.Warnings!, w => w.StartsWith("Did not converge") && w.Contains("after 1 iterations"));
        Assert.True(converged.Summary!.Converged);
        Assert.DoesNotContain(converged.Summary.Warnings ?? [], w => w.StartsWith("Did not converge"));
    }

    [Fact]
    public async Task Runs_QueuedTogether_ExecuteOneAtATimeAndAllSucceed()
    {
        var queued = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            _client.PostAsync("/scoring/runs", null).ExpectAsync<RunResponse>(HttpStatusCode.Accepted)));

        var runs = await Task.WhenAll(queued.Select(r => ScoringCalls.WaitAsync(_client, r.Id)));

        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        var ordered = runs.OrderBy(r => r.StartedAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
            Assert.True(ordered[i].StartedAt >= ordered[i - 1].FinishedAt, "two runs overlapped");
    }

    [Fact]
    public async Task ReliabilityHistory_AndAsOf_AnswerFromEarlierRuns()
    {
        var first = await ScoringCalls.RunAsync(_client);
        var second = await ScoringCalls.RunAsync(_client);

        var history = await _client.GetOkAsync<GetReliabilityHistory.Response>("/sources/ytn/reliability/history?pageSize=100");
        Assert.Contains(history.History.Items, p => p.RunId == first.Id);
        Assert.Equal(second.Id, history.History.Items[0].RunId);

        var asOf = Uri.EscapeDataString(first.FinishedAt!.Value.AddMilliseconds(1).ToString("O"));
        var then = await _client.GetOkAsync<GetSourceReliability.Response>($"/sources/ytn/reliability?asOf={asOf}");
        Assert.Equal(first.Id, then.Run.Id);
    }

    [Fact]
    public async Task AsOf_WithAnOffsetOtherThanUtc_ReadsTheRunFinishedByThatInstant()
    {
        var run = await ScoringCalls.RunAsync(_client);
        var seoul = Uri.EscapeDataString(run.FinishedAt!.Value.AddMilliseconds(1).ToOffset(TimeSpan.FromHours(9)).ToString("O"));

        var reliability = await _client.GetOkAsync<GetSourceReliability.Response>($"/sources/ytn/reliability?asOf={seoul}");
        var c6 = await ClaimIdAsync("North Korea is supplying Russia with rockets and missiles");
        var truth = await _client.GetOkAsync<GetClaimTruth.Response>($"/claims/{c6}/truth?asOf={seoul}");

        Assert.Equal((run.Id, run.Id), (reliability.Run.Id, truth.Run.Id));
    }

    [Theory]
    [InlineData("/sources/ytn/reliability?asOf=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/sources/no-such-source/reliability", HttpStatusCode.NotFound)]
    [InlineData("/sources/ytn/reliability?asOf=1999-01-01T00:00:00Z", HttpStatusCode.NotFound)]
    [InlineData("/claims/0193a000-0000-7000-8000-000000000001/truth", HttpStatusCode.NotFound)]
    [InlineData("/scoring/runs/0193a000-0000-7000-8000-000000000001", HttpStatusCode.NotFound)]
    [InlineData("/scoring/runs?status=sleeping", HttpStatusCode.BadRequest)]
    public async Task ScoringReads_WithBadInput_AnswerWithProblems(string url, HttpStatusCode status) =>
        await (await _client.GetAsync(url)).AssertProblemAsync(status);

    private async Task<Guid> ClaimIdAsync(string statement) =>
        (await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?q={Uri.EscapeDataString(statement)}")).Items.Single().Id;
}
