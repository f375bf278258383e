using System.Diagnostics;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClaimTracker.Api.Features.Scoring;

// One run: read every vote, score, write the results, switch them in. Progress (stage, done/total) is written to the
// run's row as it goes, on its own connection, so that GET /scoring/runs/{id} shows it while the run works.
public sealed class ScoringJob(ClaimTrackerDbContext db, IConfiguration configuration, IOptions<ScoringOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    // Reading every vote and writing every score takes as long as the data is large: not a request's time limits.
    private string BulkConnectionString => DatabaseOptions.ForBulkWork(ClaimTrackerServices.ConnectionString(configuration));

    public async Task RunAsync(Guid runId, Stopwatch watch, CancellationToken ct)
    {
        var run = await db.ScoringRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var progress = new RunProgress(db, runId, clock);

        await using var connection = new NpgsqlConnection(BulkConnectionString);
        await connection.OpenAsync(ct);
        var data = new ScoringData(connection);

        await progress.ReportAsync("reading", 0, 0, force: true, ct);
        var stage = Stopwatch.StartNew();
        var loaded = await data.LoadAsync(run.AsOf, (stage, done, total) => progress.Report(stage, done, total), ct);
        var readMs = stage.ElapsedMilliseconds;
        await PauseAsync(ct);

        await progress.ReportAsync("scoring", 0, loaded.Input.Votes.Length, force: true, ct);
        stage.Restart();
        var result = Scorer.Score(loaded.Input, run.Parameters, run.AsOf.ToUnixTimeSeconds(), new Progress<ScoringProgress>(p => progress.Report(p.Stage, p.Done, p.Total)), ct);
        var scoreMs = stage.ElapsedMilliseconds;
        await PauseAsync(ct);

        await progress.ReportAsync("writing", 0, result.Sources.Count + result.Claims.Count, force: true, ct);
        stage.Restart();
        await data.WriteAsync(BulkConnectionString, runId, loaded, result, options.Value.WriteConnections,
            (stage, done, total) => progress.Report(stage, done, total), ct);
        await PauseAsync(ct);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var tiedQuestions = result.Ties.Where(t => t.Top).Select(t => t.Question).Distinct().Count();
            var summary = new RunSummary
            {
                Sources = loaded.Input.SourceCount,
                Claims = loaded.Input.ClaimCount,
                Votes = loaded.Input.Votes.Length,
                UnresolvedClaims = result.Claims.Count,
                Iterations = result.Iterations,
                Converged = result.Converged,
                LastChange = result.LastChange,
                TiedQuestions = tiedQuestions,
                Warnings = Warnings(result, run.Parameters, tiedQuestions),
                PriorAlpha = result.PriorAlpha,
                PriorBeta = result.PriorBeta,
                BaseRate = result.BaseRate,
                CopyGroups = result.CopyGroups,
                ReadMs = readMs,
                ScoreMs = scoreMs,
                WriteMs = stage.ElapsedMilliseconds,
            };
            await using (var command = new NpgsqlCommand("""
                UPDATE scoring_state SET current_run_id = @run WHERE id = 1;
                UPDATE scoring_runs SET status = 'succeeded', stage = 'done', done = total, summary = @summary::jsonb,
                       finished_at = @now, duration_ms = @duration
                WHERE id = @run;
                """, connection, transaction))
            {
                command.Parameters.AddWithValue("run", runId);
                command.Parameters.AddWithValue("summary", System.Text.Json.JsonSerializer.Serialize(summary));
                command.Parameters.AddWithValue("now", clock.GetUtcNow());
                command.Parameters.AddWithValue("duration", watch.ElapsedMilliseconds);
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    // Claim estimates are bulky (one row per unresolved claim per run): keep them for the latest runs only. A failed run
    // may have written results before it stopped (ScoringData.WriteAsync); no reader sees them, and they go here too.
    // Done after a run has switched in, outside its duration: it is housekeeping of older runs.
    public async Task PruneAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(BulkConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            DELETE FROM claim_estimates
            WHERE run_id NOT IN (SELECT id FROM scoring_runs WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT @keep);
            DELETE FROM source_scores WHERE run_id IN (SELECT id FROM scoring_runs WHERE status = 'failed');
            """, connection);
        command.Parameters.AddWithValue("keep", Math.Max(1, options.Value.KeepClaimEstimatesForRuns));
        await command.ExecuteNonQueryAsync(ct);
    }

    private Task PauseAsync(CancellationToken ct) =>
        options.Value.StageDelayMs > 0 ? Task.Delay(options.Value.StageDelayMs, ct) : Task.CompletedTask;

    // Throttled progress writes: at most one every half second, except when the stage changes.
    private sealed class RunProgress(ClaimTrackerDbContext db, Guid runId, TimeProvider clock)
    {
        private readonly object _gate = new();
        private DateTimeOffset _last = DateTimeOffset.MinValue;
        private string _stage = "";
        private Task _pending = Task.CompletedTask;

        public void Report(string stage, long done, long total)
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                if (stage == _stage && now - _last < ProgressInterval) return;
                if (!_pending.IsCompleted) return;
                _last = now;
                _stage = stage;
                _pending = WriteAsync(stage, done, total, CancellationToken.None);
            }
        }

        public async Task ReportAsync(string stage, long done, long total, bool force, CancellationToken ct)
        {
            Task pending;
            lock (_gate) pending = _pending;
            await pending;
            lock (_gate)
            {
                _last = clock.GetUtcNow();
                _stage = stage;
            }
            await WriteAsync(stage, done, total, ct);
        }

        private async Task WriteAsync(string stage, long done, long total, CancellationToken ct)
        {
            try
            {
                await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand(
                    "UPDATE scoring_runs SET stage = @stage, done = @done, total = @total WHERE id = @run AND status = 'running'", connection);
                command.Parameters.AddWithValue("stage", stage);
                command.Parameters.AddWithValue("done", done);
                command.Parameters.AddWithValue("total", total);
                command.Parameters.AddWithValue("run", runId);
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Progress is a courtesy; a failed write must not fail the run.
            }
        }
    }

    private static List<string> Warnings(ScoringResult result, ScoringParameters parameters, int tiedQuestions)
    {
        var warnings = new List<string>();
        if (!result.Converged)
            warnings.Add($"Did not converge: stopped after {result.Iterations} iterations with estimates still moving by " +
                $"{result.LastChange:G3} (tolerance {parameters.Tolerance:G3}). The estimates are the last iteration's; " +
                "raise MaxIterations or look for sources whose votes pull against each other.");
        if (tiedQuestions > 0)
            warnings.Add($"{tiedQuestions} question(s) have answers tied exactly at the top: the estimates cannot choose between them.");
        return warnings;
    }
}
