namespace ClaimTracker.Embeddings.Tests;

public sealed class EmbeddingTextTests
{
    [Theory]
    [InlineData("Société Générale", "societe generale")]
    [InlineData("  two\n\nlines\t", "two lines")]
    [InlineData("“quoted”, then (bracketed)", "“ quoted ” , then ( bracketed )")]
    [InlineData("4.1%", "4 . 1 %")]
    [InlineData("北京是", "北 京 是")]
    [InlineData("İstanbul", "istanbul")]
    public void Normalise_SplitsAndFoldsAsTheModelsTokenizerWasTrained(string text, string expected) =>
        Assert.Equal(expected, EmbeddingText.Normalise(text));

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public void Normalise_OfBlankText_IsEmpty(string text) => Assert.Equal("", EmbeddingText.Normalise(text));
}
