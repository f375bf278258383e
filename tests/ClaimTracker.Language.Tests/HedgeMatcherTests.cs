namespace ClaimTracker.Language.Tests;

public class HedgeMatcherTests
{
    private static IReadOnlyList<CueMatch> Match(string text) => SeedLexicon.Matcher.Match(text);

    [Theory]
    [InlineData("The likelyhood of a summit grew.")]
    [InlineData("There is an increased likelyhood of prolonged conflict in Ukraine.")]
    [InlineData("His appearance in Vladivostok surprised no one.")]
    [InlineData("Kim's uncertainty about flying is well known.")]
    [InlineData("Essays on Kim's train travel.")]
    [InlineData("The train was likely-looking but empty.")]
    public void Match_WhenCueIsOnlyPartOfAWord_FindsNothing(string text)
    {
        Assert.Empty(Match(text));
    }

    [Fact]
    public void Match_Unlikely_IsReadAsUnlikelyNotLikely()
    {
        var cue = Assert.Single(Match("A summit is unlikely this year."));

        Assert.Equal("unlikely", cue.Entry.Phrase);
        Assert.Equal(0.2, cue.Probability);
    }

    [Theory]
    [InlineData("LIKELY")]
    [InlineData("Likely")]
    [InlineData("lIkElY")]
    public void Match_IgnoresCase_AndKeepsTheOriginalText(string word)
    {
        var text = $"Kim is {word} to travel.";

        var cue = Assert.Single(Match(text));

        Assert.Equal("likely", cue.Entry.Phrase);
        Assert.Equal(word, cue.MatchedText);
    }

    [Theory]
    [InlineData("A summit is highly unlikely.", "highly unlikely", 0.05)]
    [InlineData("Kim will probably not fly.", "probably not", 0.265)]
    [InlineData("Kim will probably fly.", "probably", 0.75)]
    [InlineData("Kim will almost certainly not fly.", "almost certainly not", 0.07)]
    [InlineData("Kim will almost certainly fly.", "almost certainly", 0.95)]
    [InlineData("A meeting is very likely.", "very likely", 0.875)]
    [InlineData("People familiar with the matter told Yonhap.", "People familiar with the matter", 0.7)]
    public void Match_PrefersTheLongestPhrase(string text, string phrase, double probability)
    {
        var cue = Assert.Single(Match(text));

        Assert.Equal(phrase, cue.MatchedText);
        Assert.Equal(probability, cue.Probability);
    }

    [Fact]
    public void Match_WhenOnlyAPrefixOfAPhraseIsPresent_FallsBackToShorterCues()
    {
        var cues = Match("People familiar with the plan were expected.");

        Assert.Equal(["expected"], cues.Select(c => c.MatchedText));
    }

    [Fact]
    public void Match_WhenLongerPhraseFails_StillFindsACueInsideIt()
    {
        var matcher = HandBuilt.Matcher(HandBuilt.Entry("sources told reporters"), HandBuilt.Entry("told"));

        var cue = Assert.Single(matcher.Match("sources told us"));

        Assert.Equal("told", cue.MatchedText);
    }

    [Fact]
    public void Match_AdjacentCues_AreFoundSeparatelyWithoutOverlap()
    {
        var cues = Match("highly unlikely unlikely likely");

        Assert.Equal(["highly unlikely", "unlikely", "likely"], cues.Select(c => c.MatchedText));
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.Start + pair.First.Length <= pair.Second.Start));
    }

    [Theory]
    [InlineData("Kim left, according  to officials.", "according  to")]
    [InlineData("Kim left, according\nto officials.", "according\nto")]
    [InlineData("Kim left, according \r\n\t to officials.", "according \r\n\t to")]
    [InlineData("It is highly\n\nunlikely.", "highly\n\nunlikely")]
    public void Match_MultiWordPhrase_SpansExtraWhitespace(string text, string matched)
    {
        var cue = Assert.Single(Match(text));

        Assert.Equal(matched, cue.MatchedText);
        Assert.Equal(matched, text.Substring(cue.Start, cue.Length));
    }

    [Fact]
    public void Match_Spans_PointAtTheExactCueText()
    {
        const string text = "Officials said Kim \"appears\" to have left; a summit is Highly Likely, sources say.";

        var cues = Match(text);

        Assert.Equal(["said", "appears", "Highly Likely", "sources say"], cues.Select(c => text.Substring(c.Start, c.Length)));
        Assert.All(cues, c => Assert.Equal(c.MatchedText, text.Substring(c.Start, c.Length)));
        Assert.Equal(text.IndexOf("Highly", StringComparison.Ordinal), cues[2].Start);
    }

    [Theory]
    [InlineData("likely", "probly-perceptions", 0.7)]
    [InlineData("unlikely", "probly-perceptions", 0.2)]
    [InlineData("highly unlikely", "probly-perceptions", 0.05)]
    [InlineData("probable", "probly-perceptions", 0.7)]
    [InlineData("improbable", "probly-perceptions", 0.15)]
    [InlineData("almost certain", "icd-203", 0.97)]
    [InlineData("certain", "kent-1964", 1.0)]
    [InlineData("possibly", "claimtracker", 0.45)]
    public void Match_WhenScalesShareAPhrase_TakesTheEntryFromTheEarliestScale(string phrase, string scale, double probability)
    {
        var cue = Assert.Single(Match(phrase));

        Assert.Equal(scale, cue.Entry.Scale);
        Assert.Equal(probability, cue.Probability);
    }

    [Fact]
    public void Match_EverySurfaceFormInTheSeedLexicon_ResolvesToTheHighestPrecedenceScaleDefiningIt()
    {
        var entries = SeedLexicon.Lexicon.Terms.Select(t => t.ToEntry()).ToList();
        var rank = (string scale) => Array.IndexOf(HedgeMatcher.ScalePrecedence, scale);

        Assert.All(entries.SelectMany(e => e.SurfaceForms).Distinct(), form =>
        {
            var cue = Assert.Single(Match(form));
            var definingScales = entries.Where(e => e.SurfaceForms.Contains(form)).Select(e => e.Scale);
            Assert.Equal(form, cue.MatchedText);
            Assert.Equal(definingScales.MinBy(rank), cue.Entry.Scale);
        });
    }

    [Fact]
    public void Match_ScalePrecedence_OutranksTheOrderEntriesWereGivenIn()
    {
        var matcher = HandBuilt.Matcher(
            HandBuilt.Entry("likely", 0.1, scale: "claimtracker"),
            HandBuilt.Entry("likely", 0.2, scale: "some-unlisted-scale"),
            HandBuilt.Entry("likely", 0.3, scale: "phia"),
            HandBuilt.Entry("likely", 0.4, scale: "icd-203"));

        Assert.Equal(0.4, Assert.Single(matcher.Match("likely")).Probability);
    }

    [Fact]
    public void Match_UnlistedScale_RanksBelowEveryListedScale()
    {
        var matcher = HandBuilt.Matcher(
            HandBuilt.Entry("likely", 0.2, scale: "some-unlisted-scale"),
            HandBuilt.Entry("likely", 0.1, scale: "claimtracker"));

        Assert.Equal("claimtracker", Assert.Single(matcher.Match("likely")).Entry.Scale);
    }

    [Fact]
    public void PreferredEntries_HoldsOnlyTheEntriesThatWinAPhrase()
    {
        var winner = HandBuilt.Entry("likely", 0.7, scale: "probly-perceptions");
        var loser = HandBuilt.Entry("likely", 0.675, scale: "icd-203");
        var other = HandBuilt.Entry("appears", 0.7, category: CueCategory.Evidential);

        var preferred = HandBuilt.Matcher(loser, other, winner).PreferredEntries;

        Assert.Equal(2, preferred.Count);
        Assert.Contains(winner, preferred);
        Assert.Contains(other, preferred);
    }

    [Theory]
    [InlineData("appeared")]
    [InlineData("appear")]
    [InlineData("Appearing")]
    [InlineData("apparently")]
    public void Match_Variant_MapsToItsTerm(string variant)
    {
        var cue = Assert.Single(Match($"Kim's train {variant} to have left."));

        Assert.Equal("appears", cue.Entry.Phrase);
        Assert.Equal(variant, cue.MatchedText);
        Assert.Equal(0.7, cue.Probability);
    }

    [Fact]
    public void Match_Variant_ReturnsTheEntryOfItsTerm()
    {
        var appears = HandBuilt.Entry("appears", 0.7, category: CueCategory.Evidential, variants: ["appeared", "apparently"]);

        var cues = HandBuilt.Matcher(appears).Match("It apparently appeared.");

        Assert.All(cues, c => Assert.Same(appears, c.Entry));
        Assert.Equal(["apparently", "appeared"], cues.Select(c => c.MatchedText));
    }

    [Theory]
    [InlineData("The Kremlin declined to confirm a meeting.", "refused to confirm")]
    [InlineData("Officials would not confirm a meeting.", "refused to confirm")]
    [InlineData("He was rumored to be ill.", "rumoured")]
    [InlineData("Sources told Yonhap the train left.", "sources say")]
    public void Match_MultiWordAndSpellingVariants_MapToTheirTerm(string text, string phrase)
    {
        Assert.Equal(phrase, Assert.Single(Match(text)).Entry.Phrase);
    }

    [Fact]
    public void Match_EmptyLexicon_FindsNothing()
    {
        Assert.Empty(HandBuilt.Matcher().Match("Kim is likely to appear."));
    }

    [Theory]
    [InlineData("The train is probably, not certainly, carrying Kim.", "probably", 0.75)]
    [InlineData("Will he go? Probably. Not everyone agrees.", "Probably", 0.75)]
    [InlineData("It is likely… not expected by all.", "likely", 0.70)]
    public void Match_MultiWordPhrase_DoesNotSpanAClauseBreak(string text, string cue, double probability)
    {
        var first = SeedLexicon.Matcher.Match(text)[0];
        Assert.Equal((cue, probability), (first.MatchedText, first.Probability));
    }
}
