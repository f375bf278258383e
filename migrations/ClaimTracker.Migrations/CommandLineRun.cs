using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Migrations;

// A re-scoring run started from the command line: queued like any other, executed here as soon as the scoring lock
// is free (it waits while another instance runs), with its progress printed. True when the run succeeded.
public static class CommandLineRun
{
    // What a command needs without the web host, configured from the environment (ClaimTracker__*) like the API.
    public static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{ClaimTrackerServices.ConnectionStringName}"] = connectionString })
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddClaimTrackerCore()
            .BuildServiceProvider();
    }

    public static async Task<bool> RunAsync(string connectionString, TextWriter log, CancellationToken ct)
    {
        await using var services = Services(connectionString);
        var queue = services.GetRequiredService<ScoringQueue>();

        var run = await queue.EnqueueAsync(RunTrigger.CommandLine, null, ct) ?? throw new InvalidOperationException("The run was not queued.");
        log.WriteLine($"==> scoring run {run.Id} queued");
        var lastLine = "";
        var work = Task.Run(async () =>
        {
            while (!await queue.DrainAsync(ct)) await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }, ct);

        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
            var state = await db.ScoringRuns.AsNoTracking().Where(r => r.Id == run.Id)
                .Select(r => new { r.Status, r.Stage, r.Done, r.Total, r.Error, r.DurationMs }).SingleAsync(ct);
            var line = $"    {SnakeCase.Name(state.Status)}: {state.Stage} {state.Done}/{state.Total}";
            if (line != lastLine) log.WriteLine(lastLine = line);
            if (state.Status is RunStatus.Succeeded or RunStatus.Failed)
            {
                log.WriteLine(state.Status == RunStatus.Succeeded
                    ? $"==> scoring run {run.Id} succeeded in {state.DurationMs} ms"
                    : $"==> scoring run {run.Id} failed: {state.Error}");
                return state.Status == RunStatus.Succeeded;
            }
            if (work.IsFaulted) await work;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }
}
