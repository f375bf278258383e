namespace ClaimTracker.Language.Tests;

// Sentences from the seed article (NDTV/AFP, 11 Sep 2023): the claims C1-C9 of the sample story.
public class SampleStoryTests
{
    private const string C1 = "North Korean leader Kim Jong Un's train \"appears\" to have departed for Russia, possibly for a summit with President Vladimir Putin";
    private const string C2 = "Kim, who rarely leaves North Korea, was soon likely to head by armoured train to Vladivostok";
    private const string C3 = "\"Intelligence authorities believe the train presumed to be carrying Kim Jong-un is moving to Vladivostok,\" an unidentified official told Yonhap news agency.";
    private const string C4 = "Another senior official told Yonhap Kim Jong \"appears\" to have left Pyongyang and was en route to Russia.";
    private const string C5 = "Broadcaster YTN said Seoul \"expects that Chairman Kim will hold a meeting with President Putin of Russia around the day after tomorrow\", meaning Wednesday.";
    private const string C6 = "Kim Jong has been steadfast in his support for Moscow's invasion of Ukraine, including, Washington says, supplying rockets and missiles.";
    private const string C7 = "Experts suggest that Putin is seeking artillery shells and antitank missiles from North Korea";
    private const string C8 = "Kim Jong is reportedly in search of advanced technology for satellites and nuclear-powered submarines, as well as food aid for his impoverished nation.";
    private const string C9 = "The current leader reportedly lacks confidence in his private jet";

    [Theory]
    [InlineData(C1, new[] { "appears", "possibly" }, 0.575)]
    [InlineData(C2, new[] { "likely" }, 0.7)]
    [InlineData(C3, new[] { "believe", "presumed", "unidentified official" }, 0.6833)]
    [InlineData(C4, new[] { "appears" }, 0.7)]
    [InlineData(C5, new[] { "said", "expects" }, 0.75)]
    [InlineData(C6, new[] { "says" }, 0.75)]
    [InlineData(C7, new[] { "suggest" }, 0.6)]
    [InlineData(C8, new[] { "reportedly" }, 0.65)]
    [InlineData(C9, new[] { "reportedly" }, 0.65)]
    [InlineData("The Kremlin has refused to confirm any meeting between President Putin and Kim Jong", new[] { "refused to confirm" }, 0.45)]
    public void Analyze_SampleStoryClaim_FindsItsHedgeWordsAndStatedProbability(string quote, string[] cues, double probability)
    {
        var analysis = HedgeAnalysis.Analyze(SeedLexicon.Matcher, quote);

        Assert.Equal(cues, analysis.Cues.Select(c => c.Match.MatchedText));
        Assert.All(analysis.Cues, c => Assert.False(c.Match.Negated));
        Assert.Equal(probability, analysis.Confidence.Probability);
    }

    [Theory]
    [InlineData("Vladivostok will be hosting the Eastern Economic Forum until Wednesday.")]
    [InlineData("Moscow, a historical ally of Pyongyang, was a crucial backer of the isolated country for decades.")]
    [InlineData("Kim Jong has become well-known for his preference for train travel when it comes to international trips.")]
    public void Analyze_SampleStoryBackground_FindsNoCue(string sentence)
    {
        var analysis = HedgeAnalysis.Analyze(SeedLexicon.Matcher, sentence);

        Assert.Empty(analysis.Cues);
        Assert.Equal(new StatedConfidence(null, HedgeAnalysis.RuleNone), analysis.Confidence);
    }

    [Fact]
    public void Match_C1_MarksOnlyTheQuotedAppearsAsQuoted()
    {
        var cues = SeedLexicon.Matcher.Match(C1);

        Assert.Equal([("appears", true), ("possibly", false)], cues.Select(c => (c.MatchedText, c.Quoted)));
        Assert.Equal(CueCategory.Evidential, cues[0].Entry.Category);
        Assert.Equal(CueCategory.Estimative, cues[1].Entry.Category);
    }

    [Fact]
    public void Match_C2_TakesLikelyFromReaderPerceptions()
    {
        var cue = Assert.Single(SeedLexicon.Matcher.Match(C2));

        Assert.Equal(("probly-perceptions", 0.7), (cue.Entry.Scale, cue.Probability));
    }

    [Fact]
    public void Match_C3_ReadsBelieveAsItsTermBelieved()
    {
        var cues = SeedLexicon.Matcher.Match(C3);

        Assert.Equal(["believed", "presumed", "unidentified official"], cues.Select(c => c.Entry.Phrase));
        Assert.Equal(CueCategory.Evidential, cues[2].Entry.Category);
    }
}
