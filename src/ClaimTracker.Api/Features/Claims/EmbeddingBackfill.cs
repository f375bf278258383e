using System.Diagnostics;
using ClaimTracker.Embeddings;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Claims;

// Gives every live claim a vector of the running model version when the method is "embedding": claims imported in bulk,
// claims recorded before the method was switched on, and all of them after a model upgrade. Runs at start-up, when woken
// (an import), and every Embedding:BackfillSeconds; meanwhile EmbeddingSimilarity finds the claims without a vector
// through the text method, so nothing disappears from the answers while it runs.
public sealed class EmbeddingBackfill(
    IServiceScopeFactory scopes, IOptionsMonitor<SimilarityOptions> options, SentenceEmbedder embedder, EmbeddingBackfill.Signal signal,
    ILogger<EmbeddingBackfill> logger) : BackgroundService
{
    // Wakes the backfill; wakes arriving while it runs coalesce into one more pass.
    public sealed class Signal
    {
        private readonly SemaphoreSlim _wake = new(0, 1);

        public void Wake()
        {
            try { _wake.Release(); }
            catch (SemaphoreFullException) { }
        }

        public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            var enabled = string.Equals(settings.Method, EmbeddingSimilarity.MethodName, StringComparison.OrdinalIgnoreCase);
            if (enabled && settings.Embedding.BackfillSeconds > 0)
            {
                try
                {
                    // Loaded now rather than by the first request that needs it.
                    embedder.Load();
                    await FillAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception exception)
                {
                    logger.LogError(exception, "Embedding backfill failed; retrying in {Seconds} s", settings.Embedding.BackfillSeconds);
                }
            }
            try { await signal.WaitAsync(TimeSpan.FromSeconds(settings.Embedding.BackfillSeconds > 0 ? settings.Embedding.BackfillSeconds : 60), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task FillAsync(CancellationToken ct)
    {
        int missing;
        await using (var scope = scopes.CreateAsyncScope())
            missing = await scope.ServiceProvider.GetRequiredService<ClaimEmbeddings>().CountMissingAsync(ct);
        if (missing == 0) return;
        logger.LogInformation("Embedding backfill: {Missing} claims without a {Version} vector", missing, SentenceEmbedder.ModelVersion);
        var watch = Stopwatch.StartNew();
        var filled = 0;
        while (true)
        {
            // A scope per batch: the embeddings service keeps its vectors for the scope's life.
            await using var scope = scopes.CreateAsyncScope();
            var batch = await scope.ServiceProvider.GetRequiredService<ClaimEmbeddings>().FillBatchAsync(ct);
            if (batch == 0) break;
            filled += batch;
            if (filled % (ClaimEmbeddings.BatchSize * 10) < batch)
                logger.LogInformation("Embedding backfill: {Filled} of {Missing} claims embedded in {Seconds:0.0} s", filled, missing, watch.Elapsed.TotalSeconds);
        }
        logger.LogInformation("Embedding backfill done: {Filled} claims embedded in {Seconds:0.0} s", filled, watch.Elapsed.TotalSeconds);
    }
}
