using CsCheck;

namespace ClaimTracker.Language.Tests;

// Whatever text arrives, the analyzer answers: no exception, and every span it gives points inside the text.
public class TextAnalyzerPropertyTests
{
    private static readonly TextAnalyzer Analyzer = new(SeedLexicon.Matcher);
    private static readonly ArticleContext Context = new("Daily Planet", "AFP");

    // Pieces of news prose and of what breaks parsers: quotes, abbreviations, control characters, other scripts.
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.OneOf<string>("appears", "not expected", "likely", "said", "told", "Yonhap", "AFP", "Kim Jong Un", "officials",
            "an unidentified official", "according to", "citing", "reportedly", "May", "may", "U.S.", "Gen.", "J.", "3.5",
            "\"", "“", "”", "'", "’", ",", ", while", ";", ".", "...", "?", "!", ":", "(", ")", "—", "-", " ", "  ", "\n", "\r\n",
            "\n\n", "\t", "\0", "\u0007", "\u200b", "\ufeff", "金正恩", "Путин", "एनडीटीवी", "😀", "\ud800", "🚀", "👍🏽", "𠮷"),
        Gen.String[Gen.Char.AlphaNumeric, 1, 12],
        Gen.Char.Select(c => c.ToString()));

    private static readonly Gen<string> NewsLikeText = Piece.Array[0, 120].Select(pieces => string.Join(" ", pieces));

    [Fact]
    public void Analyze_AnyString_NeverThrowsAndKeepsItsSpansInsideTheText() =>
        Gen.String.Sample(text => AssertWellFormed(text, Analyzer.Analyze(text, Context)), iter: 2000);

    [Fact]
    public void Analyze_NewsLikeNoise_NeverThrowsAndKeepsItsSpansInsideTheText() =>
        NewsLikeText.Sample(text => AssertWellFormed(text, Analyzer.Analyze(text, Context)), iter: 2000);

    [Fact]
    public void Analyze_VeryLongTextWithoutPunctuation_Finishes()
    {
        var text = string.Join(" ", Enumerable.Repeat("officials told Yonhap the train appears likely", 20_000));

        var analysis = Analyzer.Analyze(text, Context);

        AssertWellFormed(text, analysis);
        Assert.Single(analysis.Sentences);
    }

    [Fact]
    public void Analyze_EverySentenceOfNoise_CoversAllTheTextThatIsNotWhitespace() =>
        NewsLikeText.Sample(text =>
        {
            var covered = new bool[text.Length];
            foreach (var sentence in Analyzer.Analyze(text, Context).Sentences)
                for (var i = sentence.Span.Start; i < sentence.Span.End; i++) covered[i] = true;
            return Enumerable.Range(0, text.Length).All(i => covered[i] || char.IsWhiteSpace(text[i]));
        }, iter: 1000);

    private static void AssertWellFormed(string text, TextAnalysis analysis)
    {
        var previousEnd = 0;
        foreach (var sentence in analysis.Sentences)
        {
            Assert.True(sentence.Span.Start >= previousEnd && sentence.Span.Length > 0 && sentence.Span.End <= text.Length);
            Assert.False(char.IsWhiteSpace(text[sentence.Span.Start]) || char.IsWhiteSpace(text[sentence.Span.End - 1]));
            previousEnd = sentence.Span.End;
            foreach (var clause in sentence.Clauses)
            {
                Assert.True(clause.Span.Start >= sentence.Span.Start && clause.Span.End <= sentence.Span.End);
                Assert.All(clause.Cues, cue => Assert.Equal(cue.MatchedText, text.Substring(cue.Start, cue.Length)));
                Assert.True(clause.Confidence.Probability is null or >= 0 and <= 1);
                Assert.Equal(ChainRole.Publisher, clause.Chain[^1].Role);
                Assert.Equal(ChainRole.Origin, clause.Chain[0].Role);
                Assert.All(clause.Chain.Where(l => l.Span is not null), l => Assert.True(l.Span!.Value.End <= text.Length));
                Assert.All(clause.Cues, cue => Assert.False(SplitsAPair(text, cue.Start) || SplitsAPair(text, cue.Start + cue.Length)));
            }
            Assert.False(SplitsAPair(text, sentence.Span.Start) || SplitsAPair(text, sentence.Span.End));
        }
    }

    // Offsets count UTF-16 code units; none may fall between the two halves of an emoji.
    private static bool SplitsAPair(string text, int at) =>
        at > 0 && at < text.Length && char.IsHighSurrogate(text[at - 1]) && char.IsLowSurrogate(text[at]);
}
