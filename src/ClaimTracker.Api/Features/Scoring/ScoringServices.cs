using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Scoring;

// Looks for queued runs every few seconds, and at once when this instance queues one.
public sealed class ScoringWorker(RunCoordinator coordinator, IOptions<ScoringOptions> options, ILogger<ScoringWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake() => _signal.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await coordinator.ProcessQueueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Processing the scoring queue failed; retrying");
            }
            try
            {
                await _signal.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

// Queues a run at every tick of ClaimTracker:Scoring:Schedule. Every instance does so; the unique tick in the
// database lets exactly one of them succeed, and the worker that holds the lock runs it.
public sealed class ScoringScheduler(
    RunCoordinator coordinator, ScoringWorker worker, IOptions<ScoringOptions> options, TimeProvider clock, ILogger<ScoringScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ParsedSchedule() is not { } schedule) return;
        var from = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedule.GetNextOccurrence(from.UtcDateTime) is not { } next) return;
            var tick = new DateTimeOffset(next, TimeSpan.Zero);
            var wait = tick - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            try
            {
                if (await coordinator.EnqueueAsync(RunTrigger.Schedule, tick, stoppingToken) is not null)
                {
                    logger.LogInformation("Queued the scoring run scheduled for {Tick}", tick);
                    worker.Wake();
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Queueing the scoring run for {Tick} failed", tick);
            }
            from = tick;
        }
    }
}
