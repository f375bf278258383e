using System.Diagnostics;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClaimTracker.Api.Features.Scoring;

// Runs are a queue in the database and one PostgreSQL advisory lock: any instance (or the command line) may add a
// run, and whichever holds the lock drains the queue, executing the runs one after the other (each a ScoringJob). The lock lives on the connection
// of the process running; if that process dies, PostgreSQL releases it, and the next holder marks the run it left
// 'running' as failed. Results are written under the run's id and switched in with the run's success, in one
// transaction, so readers see the previous run's scores until then.
// As a background service, an API instance drains the queue every few seconds, and at once when it queues a run.
public sealed class ScoringQueue(
    IServiceScopeFactory scopes, IConfiguration configuration, IOptions<ScoringOptions> options, TimeProvider clock,
    ILogger<ScoringQueue> logger) : BackgroundService
{
    public const long LockKey = 0x436C61696D54;
    public static readonly string Host = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly SemaphoreSlim _signal = new(0);

    private string ConnectionString => ClaimTrackerServices.ConnectionString(configuration);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
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

    // A schedule tick is inserted once: of several instances asking for the same tick, all but one get null.
    public async Task<ScoringRun?> EnqueueAsync(RunTrigger trigger, DateTimeOffset? tick, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        var run = new ScoringRun(trigger, tick, options.Value.Parameters, Host, clock.GetUtcNow());
        db.ScoringRuns.Add(run);
        // POST /scoring/runs is audited as a command; the schedule and the command line say who they are here.
        if (trigger != RunTrigger.Manual)
            db.Add(new AuditEntry(trigger == RunTrigger.CommandLine ? Actor.CommandLine() : Actor.System, "QueueScoringRun",
                [new AuditChange("scoring_runs", run.Id.ToString(), ChangeKind.Added)], clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
            _signal.Release();
            return run;
        }
        catch (DbUpdateException e) when (tick is not null && PostgresErrors.Postgres(e)?.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
    }

    // Executes queued runs while there are any, if no one else is. False when another process holds the lock.
    public async Task<bool> DrainAsync(CancellationToken ct)
    {
        await using var lockConnection = new NpgsqlConnection(ConnectionString);
        await lockConnection.OpenAsync(ct);
        if (!await TryLockAsync(lockConnection, ct)) return false;
        try
        {
            await FailAbandonedAsync(ct);
            while (await ClaimNextAsync(ct) is { } runId)
                await RunAsync(runId, ct);
            return true;
        }
        finally
        {
            await Unlock(lockConnection);
        }
    }

    // Marks runs left 'running' by a process that is gone. Safe to call from any request: it only acts when it can
    // take the lock, which proves that nobody is running.
    public async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        if (!await db.ScoringRuns.AnyAsync(r => r.Status == RunStatus.Running, ct)) return;

        await using var lockConnection = new NpgsqlConnection(ConnectionString);
        await lockConnection.OpenAsync(ct);
        if (!await TryLockAsync(lockConnection, ct)) return;
        try
        {
            await FailAbandonedAsync(ct);
        }
        finally
        {
            await Unlock(lockConnection);
        }
    }

    private async Task FailAbandonedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        var now = clock.GetUtcNow();
        var failed = await db.ScoringRuns.Where(r => r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, RunStatus.Failed)
                .SetProperty(x => x.Error, "The run stopped before finishing: the process running it ended. Its results were never switched in.")
                .SetProperty(x => x.FinishedAt, now), ct);
        if (failed > 0) logger.LogWarning("Marked {Count} abandoned scoring run(s) as failed", failed);
    }

    private async Task<Guid?> ClaimNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        var next = await db.ScoringRuns.Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (next is null) return null;
        var now = clock.GetUtcNow();
        var claimed = await db.ScoringRuns.Where(r => r.Id == next && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, RunStatus.Running)
                .SetProperty(x => x.Stage, "starting")
                .SetProperty(x => x.StartedAt, now)
                .SetProperty(x => x.Host, Host), ct);
        return claimed == 1 ? next : null;
    }

    private async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredService<ScoringJob>();
            await job.RunAsync(runId, watch, ct);
            logger.LogInformation("Scoring run {RunId} succeeded in {Elapsed}", runId, watch.Elapsed);
            await job.PruneAsync(ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(exception, "Scoring run {RunId} failed", runId);
            await MarkFailedAsync(runId, exception.Message, watch.ElapsedMilliseconds);
        }
    }

    private async Task MarkFailedAsync(Guid runId, string error, long elapsedMs)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        var now = clock.GetUtcNow();
        await db.ScoringRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, RunStatus.Failed)
                .SetProperty(x => x.Error, error.Length > 4000 ? error[..4000] : error)
                .SetProperty(x => x.FinishedAt, now)
                .SetProperty(x => x.DurationMs, elapsedMs));
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task Unlock(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
        await command.ExecuteScalarAsync();
    }
}
