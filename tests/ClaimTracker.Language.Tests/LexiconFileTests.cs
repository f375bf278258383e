namespace ClaimTracker.Language.Tests;

public class LexiconFileTests
{
    private static IReadOnlyList<LexiconFile.Term> Terms => SeedLexicon.Lexicon.Terms;

    [Fact]
    public void Read_SeedLexicon_HoldsEnglishTermsOnEveryScale()
    {
        Assert.Equal("en", SeedLexicon.Lexicon.Language);
        Assert.Equal(
            HedgeMatcher.ScalePrecedence.Order(),
            SeedLexicon.Lexicon.Scales.Keys.Order());
        Assert.All(SeedLexicon.Lexicon.Scales.Keys, scale => Assert.Contains(Terms, t => t.Scale == scale));
    }

    [Fact]
    public void Read_SeedLexicon_EveryTermHasOrderedBoundsWithinZeroAndOne()
    {
        Assert.All(Terms, t =>
        {
            Assert.InRange(t.Low, 0, t.Probability);
            Assert.InRange(t.Probability, t.Low, t.High);
            Assert.InRange(t.High, t.Probability, 1);
        });
    }

    [Fact]
    public void Read_SeedLexicon_EveryTermNamesAScaleTheFileDescribes()
    {
        Assert.All(Terms, t => Assert.Contains(t.Scale, SeedLexicon.Lexicon.Scales.Keys));
    }

    [Fact]
    public void Read_SeedLexicon_SurfaceFormsAreUniqueWithinEachScale()
    {
        var repeated = Terms
            .SelectMany(t => t.ToEntry().SurfaceForms.Select(form => (t.Scale, Form: form.ToLowerInvariant())))
            .GroupBy(x => x)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Scale}: {g.Key.Form}");
        Assert.Empty(repeated);
    }

    [Fact]
    public void Read_SeedLexicon_EveryTermHasWordsAndNoStraySpaces()
    {
        Assert.All(Terms.SelectMany(t => t.ToEntry().SurfaceForms), form =>
        {
            Assert.NotEmpty(Tokenizer.Tokenize(form));
            Assert.Equal(form.Trim(), form);
        });
    }

    [Fact]
    public void Read_SeedLexicon_ParsesSnakeCaseEnumsVariantsAndNotes()
    {
        var refused = Assert.Single(Terms, t => t.Phrase == "refused to confirm");

        Assert.Equal(CueCategory.Evidential, refused.Category);
        Assert.Equal(CuePolarity.Neutral, refused.Polarity);
        Assert.Contains("would not confirm", refused.Variants!);
        Assert.Equal(CueCategory.Attribution, Assert.Single(Terms, t => t.Phrase == "according to").Category);
        Assert.NotNull(Assert.Single(Terms, t => t.Phrase == "appears").Note);
    }

    [Fact]
    public void ToEntry_CopiesEveryFieldOfTheTerm()
    {
        var term = Assert.Single(Terms, t => t.Phrase == "appears");

        var entry = term.ToEntry();

        Assert.Equal(
            (term.Phrase, term.Probability, term.Low, term.High, term.Polarity, term.Category, term.Scale),
            (entry.Phrase, entry.Probability, entry.Low, entry.High, entry.Polarity, entry.Category, entry.Scale));
        Assert.Equal(["appears", "appear", "appeared", "appearing", "apparently"], entry.SurfaceForms);
    }

    [Fact]
    public void Read_WhenFileHoldsJsonNull_ThrowsInvalidData()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "null");
            Assert.Throws<InvalidDataException>(() => LexiconFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
