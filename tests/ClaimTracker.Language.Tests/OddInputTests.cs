using System.Text;

namespace ClaimTracker.Language.Tests;

public class OddInputTests
{
    private static readonly string[] Fragments =
    [
        "likely", "not", "n't", "isn't", "isn’t", "highly", "unlikely", "probably", "according", "to",
        "appears", "people familiar with the matter", "'", "’", "‘", "\"", "“", "”", "-", "—", ",", ";", ".",
        " ", "  ", "\n", "\t", "\0", "\u0007", "\u200B", "Ким", "金正恩", "ممكن", "😀", "\uD800", "\uDC00",
        "İ", "ß", "١٢٣",
    ];

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t")]
    [InlineData("...,;:!?")]
    [InlineData("\"\"“”‘’''")]
    [InlineData("\0\u0001\u0007\u001B\u007F")]
    [InlineData("'")]
    [InlineData("-")]
    [InlineData("'likely")]
    [InlineData("likely'")]
    [InlineData("-likely-")]
    [InlineData("'not' likely'")]
    [InlineData("n't likely")]
    [InlineData("likely n't")]
    [InlineData("\"")]
    [InlineData("\"likely")]
    [InlineData("likely\"")]
    [InlineData("Ким вероятно likely 金正恩 ممكن appears")]
    [InlineData("😀likely😀")]
    [InlineData("\uD800likely\uDC00")]
    [InlineData("LİKELY İS NOT EXPECTED")]
    public void Match_OddInput_ReturnsWellFormedMatches(string text)
    {
        AssertWellFormed(text, SeedLexicon.Matcher.Match(text));
        Assert.NotNull(HedgeAnalysis.Analyze(SeedLexicon.Matcher, text, [text, "", " "]));
    }

    [Theory]
    [InlineData("'likely'")]
    [InlineData("-likely-")]
    [InlineData("😀likely😀")]
    [InlineData("Ким likely 金正恩")]
    public void Match_CueNextToNonLetters_IsStillFound(string text)
    {
        var cue = Assert.Single(SeedLexicon.Matcher.Match(text));

        Assert.Equal("likely", cue.MatchedText);
    }

    [Fact]
    public void Match_RandomStrings_NeverThrowAndReturnWellFormedMatches()
    {
        var random = new Random(20230911);
        for (var n = 0; n < 2000; n++)
        {
            var text = new StringBuilder();
            for (var parts = random.Next(0, 30); parts > 0; parts--)
                text.Append(random.Next(3) == 0 ? (char)random.Next(0, 0x3000) : Fragments[random.Next(Fragments.Length)]);

            var generated = text.ToString();
            AssertWellFormed(generated, SeedLexicon.Matcher.Match(generated));
        }
    }

    [Fact]
    public void Match_HundredThousandCharactersWithoutPunctuation_FindsEveryCue()
    {
        const string sentence = "kim is not likely to appear ";
        var text = string.Concat(Enumerable.Repeat(sentence, 100_000 / sentence.Length + 1))[..100_000];

        var cues = SeedLexicon.Matcher.Match(text);

        AssertWellFormed(text, cues);
        Assert.Equal(2 * (100_000 / sentence.Length), cues.Count);
        Assert.All(cues, c => Assert.True(c.Negated));
    }

    [Fact]
    public void Match_HundredThousandCharacterSingleWord_FindsNothing()
    {
        Assert.Empty(SeedLexicon.Matcher.Match(new string('x', 100_000)));
    }

    private static void AssertWellFormed(string text, IReadOnlyList<CueMatch> cues)
    {
        var previousEnd = 0;
        foreach (var cue in cues)
        {
            Assert.InRange(cue.Start, previousEnd, text.Length - 1);
            Assert.InRange(cue.Length, 1, text.Length - cue.Start);
            Assert.Equal(cue.MatchedText, text.Substring(cue.Start, cue.Length));
            Assert.InRange(cue.Probability, 0, 1);
            previousEnd = cue.Start + cue.Length;
        }
    }
}
