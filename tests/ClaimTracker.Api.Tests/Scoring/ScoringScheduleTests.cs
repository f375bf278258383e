using System.Diagnostics;
using System.Net;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Api.Tests.Scoring;

// Runs across API instances and processes: exactly one run per schedule tick, and a killed run leaves the
// previous scores in place and is marked failed.
public sealed class ScoringScheduleTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    [Fact]
    public async Task ScheduleTick_AskedForByTwoInstances_IsQueuedOnce()
    {
        await using var other = api.AnotherInstance();
        var tick = new DateTimeOffset(2026, 11, 28, 12, 34, 0, TimeSpan.Zero);

        var queued = await Task.WhenAll(
            api.Services.GetRequiredService<ScoringQueue>().EnqueueAsync(RunTrigger.Schedule, tick, CancellationToken.None),
            other.Services.GetRequiredService<ScoringQueue>().EnqueueAsync(RunTrigger.Schedule, tick, CancellationToken.None));

        var run = Assert.Single(queued, run => run is not null)!;
        var audit = await api.CreateClient().GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={run.Id}");
        var entry = Assert.Single(audit.Items);
        Assert.Equal(("QueueScoringRun", "system"), (entry.Action, entry.ActorId));
    }

    [Fact]
    public async Task TwoInstancesOnOneSchedule_RunEachTickExactlyOnce()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{ScoringOptions.Section}:Schedule"] = "*/3 * * * * *",
            [$"{ScoringOptions.Section}:PollSeconds"] = "0.5",
        };
        var started = DateTimeOffset.UtcNow;
        await using (var first = api.AnotherInstance(settings))
        await using (var second = api.AnotherInstance(settings))
        {
            first.CreateClient();
            second.CreateClient();
            await Task.Delay(TimeSpan.FromSeconds(10));
        }

        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        var scheduled = db.ScoringRuns.Where(r => r.Trigger == RunTrigger.Schedule && r.ScheduledFor > started).ToList();
        Assert.True(scheduled.Count >= 2, $"only {scheduled.Count} scheduled runs in 10 s");
        Assert.All(scheduled.GroupBy(r => r.ScheduledFor), tick => Assert.Single(tick));
        Assert.All(scheduled.Where(r => r.ScheduledFor < started.AddSeconds(6)), r => Assert.Equal(RunStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task RunKilledHalfWay_LeavesThePreviousScoresAndIsMarkedFailed()
    {
        var client = api.CreateClient();
        var previous = await ScoringCalls.RunAsync(client);

        using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ClaimTracker.Migrations.dll"), "score"])
        {
            Environment = { ["ConnectionStrings__ClaimTracker"] = api.ConnectionString, ["ClaimTracker__Scoring__StageDelayMs"] = "60000" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var killed = await ScoringCalls.WaitForAsync(client, r => r.Trigger == RunTrigger.CommandLine && r.Status == RunStatus.Running && r.Stage != "starting");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var after = await ScoringCalls.WaitAsync(client, killed.Id);
        Assert.Equal(RunStatus.Failed, after.Status);
        Assert.Contains("stopped before finishing", after.Error);
        Assert.Equal(previous.Id, (await client.GetOkAsync<GetSourceReliability.Response>("/sources/yonhap/reliability")).Run.Id);
    }
}
