namespace ClaimTracker.Language.Tests;

public class HedgeAnalysisTests
{
    private static HedgeAnalysis Analyze(string quote, params string[] hedgeWords) =>
        HedgeAnalysis.Analyze(SeedLexicon.Matcher, quote, hedgeWords);

    private static CueMatch Cue(double probability, CueCategory category, bool negated = false) =>
        new(HandBuilt.Entry("cue", probability, category: category), "cue", 0, 3, negated, Quoted: false);

    private static List<CueMatch> Cues(double[] estimative, double[] evidential) =>
    [
        .. estimative.Select(p => Cue(p, CueCategory.Estimative)),
        .. evidential.Select(p => Cue(p, CueCategory.Evidential)),
    ];

    [Fact]
    public void Combine_WhenThereAreNoCues_StatesNoProbability()
    {
        Assert.Equal(new StatedConfidence(null, HedgeAnalysis.RuleNone), HedgeAnalysis.Combine([]));
    }

    [Theory]
    [InlineData(new[] { 0.7 }, 0.7)]
    [InlineData(new[] { 0.6, 0.2 }, 0.2)]
    [InlineData(new[] { 0.2, 0.95 }, 0.95)]
    [InlineData(new[] { 0.5, 0.55 }, 0.55)]
    public void Combine_WithOnlyEstimativeCues_TakesTheMostDecisive(double[] estimative, double expected)
    {
        Assert.Equal(new StatedConfidence(expected, HedgeAnalysis.RuleEstimative), HedgeAnalysis.Combine(Cues(estimative, [])));
    }

    [Theory]
    [InlineData(new[] { 0.7 }, 0.7)]
    [InlineData(new[] { 0.7, 0.6 }, 0.65)]
    [InlineData(new[] { 0.7, 0.7, 0.65 }, 0.6833)]
    public void Combine_WithOnlyEvidentialCues_TakesTheirMean(double[] evidential, double expected)
    {
        Assert.Equal(new StatedConfidence(expected, HedgeAnalysis.RuleEvidential), HedgeAnalysis.Combine(Cues([], evidential)));
    }

    [Theory]
    [InlineData(new[] { 0.45 }, new[] { 0.7 }, 0.575)]
    [InlineData(new[] { 0.6, 0.1 }, new[] { 0.7, 0.5 }, 0.35)]
    public void Combine_WithBothKinds_TakesTheMidpointOfDecisiveEstimativeAndEvidentialMean(
        double[] estimative, double[] evidential, double expected)
    {
        Assert.Equal(new StatedConfidence(expected, HedgeAnalysis.RuleBoth), HedgeAnalysis.Combine(Cues(estimative, evidential)));
    }

    [Fact]
    public void Combine_AttributionCues_CountWithTheEvidentialOnes()
    {
        var cues = new[] { Cue(0.7, CueCategory.Evidential), Cue(0.75, CueCategory.Attribution) };

        Assert.Equal(new StatedConfidence(0.725, HedgeAnalysis.RuleEvidential), HedgeAnalysis.Combine(cues));
    }

    [Fact]
    public void Combine_NegatedCue_UsesItsMirroredProbability()
    {
        var cues = new[] { Cue(0.7, CueCategory.Estimative, negated: true), Cue(0.75, CueCategory.Evidential, negated: true) };

        Assert.Equal(new StatedConfidence(0.275, HedgeAnalysis.RuleBoth), HedgeAnalysis.Combine(cues));
    }

    [Fact]
    public void Analyze_WithoutHedgeWords_UsesOnlyTheQuote()
    {
        var analysis = HedgeAnalysis.Analyze(SeedLexicon.Matcher, "Kim is likely to travel.");

        var cue = Assert.Single(analysis.Cues);
        Assert.Equal(CueOrigin.Quote, cue.FoundIn);
        Assert.Empty(analysis.UnmatchedHedgeWords);
        Assert.Equal(new StatedConfidence(0.7, HedgeAnalysis.RuleEstimative), analysis.Confidence);
    }

    [Fact]
    public void Analyze_KnownHedgeWordAbsentFromQuote_AddsItAsACue()
    {
        var analysis = Analyze("Kim has left Pyongyang.", "appears");

        var cue = Assert.Single(analysis.Cues);
        Assert.Equal(CueOrigin.HedgeWords, cue.FoundIn);
        Assert.Equal("appears", cue.Match.Entry.Phrase);
        Assert.Equal(new StatedConfidence(0.7, HedgeAnalysis.RuleEvidential), analysis.Confidence);
    }

    [Fact]
    public void Analyze_UnknownHedgeWords_AreReportedAsUnmatched()
    {
        var analysis = Analyze("Kim has left Pyongyang.", "kinda", "appears", "likelyhood");

        Assert.Equal(["kinda", "likelyhood"], analysis.UnmatchedHedgeWords);
        Assert.Equal("appears", Assert.Single(analysis.Cues).Match.Entry.Phrase);
    }

    [Theory]
    [InlineData("appears")]
    [InlineData("APPEARS")]
    [InlineData("appeared")]
    [InlineData("\"appears\"")]
    public void Analyze_HedgeWordAlreadyInTheQuote_IsNotCountedTwice(string hedgeWord)
    {
        var analysis = Analyze("Kim Jong \"appears\" to have left Pyongyang.", hedgeWord, hedgeWord);

        var cue = Assert.Single(analysis.Cues);
        Assert.Equal(CueOrigin.Quote, cue.FoundIn);
        Assert.Empty(analysis.UnmatchedHedgeWords);
    }

    [Fact]
    public void Analyze_HedgeWordsNamingTheSameTermTwice_AddItOnce()
    {
        var analysis = Analyze("Kim has left Pyongyang.", "appears", "apparently");

        Assert.Equal(CueOrigin.HedgeWords, Assert.Single(analysis.Cues).FoundIn);
    }

    [Fact]
    public void Analyze_HedgeWordRepeatingANegatedCue_KeepsTheQuotesNegation()
    {
        var analysis = Analyze("The summit is not expected this week.", "expected");

        var cue = Assert.Single(analysis.Cues);
        Assert.Equal((CueOrigin.Quote, true), (cue.FoundIn, cue.Match.Negated));
        Assert.Equal(0.25, analysis.Confidence.Probability);
    }

    [Fact]
    public void Analyze_NegatedHedgeWord_IsAddedNegated()
    {
        var analysis = Analyze("Kim and Putin meet on Wednesday.", "not expected");

        var cue = Assert.Single(analysis.Cues).Match;
        Assert.True(cue.Negated);
        Assert.Equal(new StatedConfidence(0.25, HedgeAnalysis.RuleEvidential), analysis.Confidence);
    }

    [Fact]
    public void Analyze_HedgeWordsAndQuoteCues_CombineTogether()
    {
        var analysis = Analyze("Kim's train \"appears\" to have departed for Russia.", "possibly");

        Assert.Equal([CueOrigin.Quote, CueOrigin.HedgeWords], analysis.Cues.Select(c => c.FoundIn));
        Assert.Equal(new StatedConfidence(0.575, HedgeAnalysis.RuleBoth), analysis.Confidence);
    }
}
