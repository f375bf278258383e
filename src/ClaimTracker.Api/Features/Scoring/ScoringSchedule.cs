using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Scoring;

// Queues a run at every tick of ClaimTracker:Scoring:Schedule. Every instance does so; the unique tick in the
// database lets exactly one of them succeed, and the instance that holds the queue's lock runs it.
public sealed class ScoringSchedule(ScoringQueue queue, IOptions<ScoringOptions> options, TimeProvider clock, ILogger<ScoringSchedule> logger)
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
                if (await queue.EnqueueAsync(RunTrigger.Schedule, tick, stoppingToken) is not null)
                    logger.LogInformation("Queued the scoring run scheduled for {Tick}", tick);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Queueing the scoring run for {Tick} failed", tick);
            }
            from = tick;
        }
    }
}
