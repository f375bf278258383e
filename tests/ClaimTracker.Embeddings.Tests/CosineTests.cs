namespace ClaimTracker.Embeddings.Tests;

public sealed class CosineTests
{
    [Fact]
    public void Cosine_OfAVectorWithItself_IsOne() => Assert.Equal(1f, SentenceEmbedder.Cosine([3, 4], [3, 4]), 6);

    [Fact]
    public void Cosine_IgnoresLength() => Assert.Equal(1f, SentenceEmbedder.Cosine([3, 4], [6, 8]), 6);

    [Fact]
    public void Cosine_OfOrthogonalVectors_IsZero() => Assert.Equal(0f, SentenceEmbedder.Cosine([1, 0], [0, 5]), 6);

    [Fact]
    public void Cosine_OfOppositeVectors_IsMinusOne() => Assert.Equal(-1f, SentenceEmbedder.Cosine([1, 2], [-1, -2]), 6);

    [Fact]
    public void Cosine_WithAZeroVector_IsZero() => Assert.Equal(0f, SentenceEmbedder.Cosine([0, 0], [1, 2]));

    [Fact]
    public void Cosine_OfVectorsOfDifferentDimensions_Throws() =>
        Assert.Throws<ArgumentException>(() => SentenceEmbedder.Cosine([1, 2], [1, 2, 3]));
}
