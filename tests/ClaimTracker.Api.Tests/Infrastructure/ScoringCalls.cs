using System.Net;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Tests.Infrastructure;

// Starts a scoring run over HTTP and waits for it.
internal static class ScoringCalls
{
    public static async Task<RunResponse> RunAsync(HttpClient client)
    {
        var queued = await client.PostAsync("/scoring/runs", null).ExpectAsync<RunResponse>(HttpStatusCode.Accepted);
        var run = await WaitAsync(client, queued.Id);
        Assert.True(run.Status == RunStatus.Succeeded, $"run {run.Id} {run.Status}: {run.Error}");
        return run;
    }

    public static async Task<RunResponse> WaitAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var run = await client.GetOkAsync<RunResponse>($"/scoring/runs/{id}");
            if (run.Status is RunStatus.Succeeded or RunStatus.Failed) return run;
            Assert.True(DateTime.UtcNow < deadline, $"run {id} still {run.Status} ({run.Stage})");
            await Task.Delay(200);
        }
    }

    public static async Task<RunResponse> WaitForAsync(HttpClient client, Func<RunResponse, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var runs = await client.GetOkAsync<PagedList<RunResponse>>("/scoring/runs?pageSize=100");
            if (runs.Items.FirstOrDefault(condition) is { } run) return run;
            Assert.True(DateTime.UtcNow < deadline, "no run reached the expected state");
            await Task.Delay(200);
        }
    }
}
