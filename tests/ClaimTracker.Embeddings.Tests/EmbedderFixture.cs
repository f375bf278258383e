namespace ClaimTracker.Embeddings.Tests;

// One model per test class: loading it takes about half a second and a few hundred MB.
public sealed class EmbedderFixture : IDisposable
{
    public SentenceEmbedder Embedder { get; } = new();

    public void Dispose() => Embedder.Dispose();
}
