namespace ClaimTracker.Language.Tests;

public class QuotedCueTests
{
    private static CueMatch SingleCue(string text) => Assert.Single(SeedLexicon.Matcher.Match(text));

    [Theory]
    [InlineData("Kim's train \"appears\" to have departed.")]
    [InlineData("Kim's train “appears” to have departed.")]
    [InlineData("Kim's train 'appears' to have departed.")]
    [InlineData("Kim's train ‘appears’ to have departed.")]
    [InlineData("\"appears\"")]
    [InlineData("Kim left, \"according to\" Yonhap.")]
    [InlineData("Kim left, “according\nto” Yonhap.")]
    public void Match_WhenCueIsDirectlyEnclosedInQuotes_MarksItQuoted(string text)
    {
        Assert.True(SingleCue(text).Quoted);
    }

    [Theory]
    [InlineData("Kim's train appears to have departed.")]
    [InlineData("appears")]
    [InlineData("\"appears to have departed\"")]
    [InlineData("Seoul \"expects that Chairman Kim will hold a meeting\"")]
    [InlineData("Kim's train \"appears")]
    [InlineData("Kim's train appears\"")]
    [InlineData("Kim's train \" appears \" to have departed.")]
    [InlineData("Kim's train (appears) to have departed.")]
    public void Match_WhenCueIsNotDirectlyEnclosedInQuotes_LeavesItUnquoted(string text)
    {
        Assert.False(SingleCue(text).Quoted);
    }

    [Fact]
    public void Match_QuotedCue_SpanExcludesTheQuotationMarks()
    {
        const string text = "Kim's train “appears” to have departed.";

        var cue = SingleCue(text);

        Assert.Equal("appears", text.Substring(cue.Start, cue.Length));
        Assert.Equal('“', text[cue.Start - 1]);
        Assert.Equal('”', text[cue.Start + cue.Length]);
    }
}
