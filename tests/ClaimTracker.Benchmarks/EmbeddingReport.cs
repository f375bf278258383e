using System.Diagnostics;
using ClaimTracker.Embeddings;

namespace ClaimTracker.Benchmarks;

// `embeddings`: what BenchmarkDotNet does not show. Model load time and the process's resident memory (RSS) before
// and after the load and after the first batch, then how the cosine of each kind of labelled pair is distributed,
// and how many pairs of each kind clear Meedan Check's vector thresholds (0.75 suggested, 0.95 confirmed).
// Run it in a fresh process so the memory figures are the model's:
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- embeddings [--pairs]
// --pairs also lists every pair's cosine.
public static class EmbeddingReport
{
    public static int Run(string[] args, TextWriter log)
    {
        var rssStart = Rss();
        using var embedder = new SentenceEmbedder();
        var load = Stopwatch.StartNew();
        embedder.Load();
        load.Stop();
        var rssLoaded = Rss();
        var claims = EmbeddingClaims.Load().Take(32).ToList();
        var first = Stopwatch.StartNew();
        embedder.Embed(claims);
        first.Stop();
        var rssUsed = Rss();

        log.WriteLine($"model: {SentenceEmbedder.ModelVersion}, {SentenceEmbedder.Dimensions} dimensions");
        log.WriteLine($"load: {load.Elapsed.TotalMilliseconds:F0} ms; first batch of {claims.Count}: {first.Elapsed.TotalMilliseconds:F0} ms (all cores)");
        log.WriteLine($"RSS: {rssStart:F0} MiB before load, {rssLoaded:F0} MiB after load, {rssUsed:F0} MiB after the first batch; " +
                      $"peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
        var scored = EmbeddingClaims.Pairs().Select(p =>
        {
            var v = embedder.Embed([p.First, p.Second]);
            return (p.Kind, p.First, p.Second, Score: SentenceEmbedder.Cosine(v[0], v[1]));
        }).ToList();
        if (args.Contains("--pairs"))
        {
            log.WriteLine();
            foreach (var pair in scored) log.WriteLine($"{pair.Score:F3}  {pair.Kind,-15} {pair.First} | {pair.Second}");
        }
        log.WriteLine();
        log.WriteLine("| kind | pairs | min | median | mean | max | ≥ 0.75 | ≥ 0.95 |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in scored.GroupBy(p => p.Kind))
        {
            var scores = group.Select(p => p.Score).Order().ToList();
            log.WriteLine($"| {group.Key} | {scores.Count} | {scores[0]:F3} | {scores[scores.Count / 2]:F3} | {scores.Average():F3} | {scores[^1]:F3} | " +
                          $"{scores.Count(s => s >= 0.75f)} | {scores.Count(s => s >= 0.95f)} |");
        }
        return 0;
    }

    private static double Rss()
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / 1048576.0;
    }
}
