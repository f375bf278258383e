namespace ClaimTracker.Language.Tests;

// Vague attribution (weasel) and unsupported praise (peacock), on sentences written for these tests.
public class WeaselAndPeacockTests
{
    private static readonly TextAnalyzer Analyzer = new(SeedLexicon.Matcher);

    private static ClauseAnalysis Only(string sentence) =>
        Assert.Single(Assert.Single(Analyzer.Analyze(sentence).Sentences).Clauses);

    [Theory]
    [InlineData("Pinchot has appeared in several feature films.")]
    [InlineData("Certain kinds of heart attacks are more common in winter.")]
    public void Analyze_IssueExampleWithoutAHedge_FindsNoCueAndLeavesItBackground(string sentence)
    {
        var clause = Only(sentence);

        Assert.Empty(clause.Cues);
        Assert.Equal(SentenceKind.Background, clause.Kind);
    }

    [Fact]
    public void Analyze_CriticsArgue_IsAHedgedClaimWithAWeaselCue()
    {
        var clause = Only("Some critics argue that the policy failed.");

        var cue = Assert.Single(clause.Cues);
        Assert.Equal(("Some critics argue", CueCategory.Weasel), (cue.MatchedText, cue.Entry.Category));
        Assert.Equal(SentenceKind.HedgedClaim, clause.Kind);
    }

    [Fact]
    public void Analyze_WidelyConsideredTheFinest_NamesAWeaselAndAPeacockCue_AndOnlyTheWeaselSetsTheConfidence()
    {
        var clause = Only("The castle is widely considered the finest in Europe.");

        Assert.Equal([("widely considered", CueCategory.Weasel), ("finest", CueCategory.Peacock)],
            clause.Cues.Select(c => (c.MatchedText, c.Entry.Category)));
        Assert.Equal(SentenceKind.HedgedClaim, clause.Kind);
        var weasel = clause.Cues[0].Entry.Probability;
        Assert.Equal(new StatedConfidence(weasel, HedgeAnalysis.RuleEvidential), clause.Confidence);
    }

    [Theory]
    [InlineData("Many believe the election was stolen.", "Many believe")]
    [InlineData("Others argue the tax will hurt farmers.", "Others argue")]
    [InlineData("It is widely believed that the mayor will run again.", "It is widely believed")]
    [InlineData("The bridge is regarded as a design failure.", "is regarded as")]
    [InlineData("The drug is considered safe for children.", "is considered")]
    [InlineData("The singer is said to be retiring.", "is said to")]
    [InlineData("According to some, the fire was started on purpose.", "According to some")]
    [InlineData("Studies have shown that the diet works.", "Studies have shown")]
    [InlineData("Certain scholars dispute the date.", "Certain scholars")]
    public void Match_VagueAttribution_IsAWeaselCue(string text, string matched)
    {
        var cue = Assert.Single(SeedLexicon.Matcher.Match(text));

        Assert.Equal((matched, CueCategory.Weasel), (cue.MatchedText, cue.Entry.Category));
    }

    [Theory]
    [InlineData("Some 40 people were hurt.")]
    [InlineData("Many of the houses were flooded.")]
    [InlineData("He considered resigning after the vote.")]
    [InlineData("The town is well known for its cheese.")]
    [InlineData("Trains usually leave on time.")]
    public void Match_QuantityOrDescriptionWithoutAVagueHolder_FindsNoCue(string text)
    {
        Assert.Empty(SeedLexicon.Matcher.Match(text));
    }

    [Theory]
    [InlineData("The legendary coach retired in 1990.", "legendary")]
    [InlineData("She studied at a prestigious conservatory.", "prestigious")]
    [InlineData("It is one of the best museums in Spain.", "one of the best")]
    [InlineData("The hotel offers world-class service.", "world-class")]
    [InlineData("Its most famous resident was a poet.", "most famous")]
    public void Match_UnsupportedPraise_IsAPeacockCue(string text, string matched)
    {
        var cue = Assert.Single(SeedLexicon.Matcher.Match(text));

        Assert.Equal((matched, CueCategory.Peacock), (cue.MatchedText, cue.Entry.Category));
    }

    [Fact]
    public void Analyze_OnlyPeacockPraise_IsHedgedButStatesNoProbability()
    {
        var clause = Only("The legendary coach retired in 1990.");

        Assert.Equal(SentenceKind.HedgedClaim, clause.Kind);
        Assert.Equal(new StatedConfidence(null, HedgeAnalysis.RulePeacockOnly), clause.Confidence);
    }

    [Fact]
    public void Combine_WeaselNextToAnEstimative_CountsAsEvidential()
    {
        var likely = new CueMatch(HandBuilt.Entry("likely", 0.7), "likely", 0, 6, false, false);
        var weasel = new CueMatch(HandBuilt.Entry("some say", 0.5, category: CueCategory.Weasel), "some say", 10, 8, false, false);

        Assert.Equal(new StatedConfidence(0.6, HedgeAnalysis.RuleBoth), HedgeAnalysis.Combine([likely, weasel]));
    }

    [Fact]
    public void Combine_PeacockNextToAnEstimative_LeavesTheEstimativeAlone()
    {
        var likely = new CueMatch(HandBuilt.Entry("likely", 0.7), "likely", 0, 6, false, false);
        var peacock = new CueMatch(HandBuilt.Entry("legendary", 0.5, category: CueCategory.Peacock), "legendary", 10, 9, false, false);

        Assert.Equal(new StatedConfidence(0.7, HedgeAnalysis.RuleEstimative), HedgeAnalysis.Combine([likely, peacock]));
    }

    [Fact]
    public void Read_SeedLexicon_HoldsWeaselAndPeacockTermsOnDescribedScales()
    {
        var terms = SeedLexicon.Lexicon.Terms;

        Assert.Contains(terms, t => t.Category == CueCategory.Weasel);
        Assert.All(terms.Where(t => t.Category == CueCategory.Peacock), t => Assert.Equal((0.0, 1.0), (t.Low, t.High)));
        Assert.Contains("claimtracker-vague", SeedLexicon.Lexicon.Scales.Keys);
    }
}
