namespace ClaimTracker.Language.Tests;

public class NegationTests
{
    private static CueMatch SingleCue(string text) => Assert.Single(SeedLexicon.Matcher.Match(text));

    [Theory]
    [InlineData("Kim is not expected to attend.", 0.25)]
    [InlineData("Kim is expected to attend.", 0.75)]
    [InlineData("A summit isn't likely.", 0.3)]
    [InlineData("A summit is not unlikely.", 0.8)]
    public void Match_WhenCueIsNegated_MirrorsProbability(string text, double probability)
    {
        Assert.Equal(probability, SingleCue(text).Probability, precision: 10);
    }

    [Theory]
    [InlineData("Kim is not expected.")]
    [InlineData("Kim is NOT expected.")]
    [InlineData("Kim isn't expected.")]
    [InlineData("Kim isn’t expected.")]
    [InlineData("Seoul doesn't expect a meeting.")]
    [InlineData("Seoul won't say.")]
    [InlineData("No one expects a meeting.")]
    [InlineData("Kim has never appeared to hesitate.")]
    [InlineData("He left without apparently telling anyone.")]
    [InlineData("That is hardly likely.")]
    [InlineData("Officials cannot say.")]
    [InlineData("Neither expected nor welcome.")]
    [InlineData("Kim is not yet officially expected.")]
    public void Match_WhenNegatorIsWithinThreeWordsBefore_MarksCueNegated(string text)
    {
        Assert.True(SingleCue(text).Negated);
    }

    [Theory]
    [InlineData("Kim is expected.")]
    [InlineData("Kim is expected, not invited.")]
    [InlineData("No, Kim is expected.")]
    [InlineData("Not so, Kim appears to have left.")]
    [InlineData("Kim did not stay; he is expected in Vladivostok.")]
    [InlineData("He did not: he appears to have left.")]
    [InlineData("It was not. Likely he left.")]
    [InlineData("Was it not? Likely.")]
    [InlineData("He did not (he appears to have left).")]
    [InlineData("Not once — he appears to have left.")]
    [InlineData("Notably officials expect a meeting.")]
    [InlineData("Noted officials expect a meeting.")]
    public void Match_WhenNoNegatorIsCloseInTheSameClause_LeavesCueUnnegated(string text)
    {
        Assert.False(SingleCue(text).Negated);
    }

    [Fact]
    public void Match_NegatorFourWordsAway_DoesNotNegate()
    {
        Assert.True(SingleCue("not a b expected").Negated);
        Assert.False(SingleCue("not a b c expected").Negated);
    }

    [Fact]
    public void Match_NegatedCue_KeepsTheLexiconProbabilityOnItsEntry()
    {
        var cue = SingleCue("Kim is not expected.");

        Assert.Equal(0.75, cue.Entry.Probability);
        Assert.Equal(0.25, cue.Probability, precision: 10);
    }

    [Fact]
    public void Match_NegationInsideAPhrase_IsPartOfThePhraseNotANegator()
    {
        var cue = SingleCue("Kim will probably not fly.");

        Assert.Equal("probably not", cue.Entry.Phrase);
        Assert.False(cue.Negated);
        Assert.Equal(0.265, cue.Probability);
    }
}
