using ClaimTracker.ClaimReviews;

namespace ClaimTracker.ClaimReviews.Tests;

public class RatingCrosswalkTests
{
    private static readonly RatingCrosswalk Seed =
        RatingCrosswalk.Load(Path.Combine(AppContext.BaseDirectory, "rating-crosswalk.json"));

    [Theory]
    [InlineData("Pants on Fire", "en", VerdictOutcome.False)]
    [InlineData("Mostly True", "en", VerdictOutcome.MostlyTrue)]
    [InlineData("Half True", "en", VerdictOutcome.Mixed)]
    [InlineData("Misleading", "en", VerdictOutcome.Mixed)]
    [InlineData("Missing context", "en", VerdictOutcome.Mixed)]
    [InlineData("Satire", "en", VerdictOutcome.NotAVerdict)]
    [InlineData("Explainer", "en", VerdictOutcome.NotAVerdict)]
    [InlineData("Unproven", "en", VerdictOutcome.Unresolvable)]
    [InlineData("Engañoso", "es", VerdictOutcome.Mixed)]
    [InlineData("Sin contexto", "es", VerdictOutcome.Mixed)]
    [InlineData("Verdadero", "es", VerdictOutcome.True)]
    [InlineData("Enganoso", "pt-BR", VerdictOutcome.Mixed)]
    [InlineData("Sem contexto", "pt", VerdictOutcome.Mixed)]
    [InlineData("Exagerado", "pt", VerdictOutcome.Mixed)]
    [InlineData("Faux", "fr", VerdictOutcome.False)]
    [InlineData("Infondé", "fr", VerdictOutcome.Unresolvable)]
    [InlineData("Irreführend", "de", VerdictOutcome.Mixed)]
    [InlineData("Fehlender Kontext", "de", VerdictOutcome.Mixed)]
    [InlineData("مضلل", "ar", VerdictOutcome.Mixed)]
    [InlineData("زائف", "ar", VerdictOutcome.False)]
    [InlineData("صحيح", "ar", VerdictOutcome.True)]
    [InlineData("خاطئ", "ar", VerdictOutcome.False)]
    public void SeededLabels_MapInTheirLanguage(string label, string language, VerdictOutcome outcome)
    {
        var verdict = Seed.Map(label, language, null);

        Assert.Equal(VerdictSource.LanguageLabel, verdict.Source);
        Assert.Equal(outcome, verdict.Outcome);
    }

    [Theory]
    [InlineData("PANTS ON FIRE!", "en")]
    [InlineData("  pants-on-fire. ", "en")]
    [InlineData("ENGANOSO", "pt")]
    [InlineData("engañoso", "pt")]
    [InlineData("IRREFUHREND", "de")]
    [InlineData("مُضَلِّل", "ar")]
    [InlineData("مضــلل", "ar")]
    public void Matching_IgnoresCaseDiacriticsPunctuationAndTatweel(string written, string language)
    {
        Assert.True(Seed.Map(written, language, null).HasVerdict);
    }

    [Fact]
    public void AnUnknownLabel_IsUnmappedNeverGuessed()
    {
        var verdict = Seed.Map("Zombie claim", "en", "checker.example");

        Assert.Equal(VerdictSource.Unmapped, verdict.Source);
        Assert.Null(verdict.Outcome);
        Assert.Equal("Zombie claim", verdict.Label);
        Assert.True(verdict.LabelUnknown);
    }

    [Fact]
    public void PublisherEntries_WinOverLanguageEntries_AndCoverSubdomains()
    {
        var crosswalk = new RatingCrosswalk([
            new CrosswalkEntry("Misleading", VerdictOutcome.Mixed, "en"),
            new CrosswalkEntry("Misleading", VerdictOutcome.False, "en", "strict.example"),
        ]);

        Assert.Equal(VerdictOutcome.Mixed, crosswalk.Map("Misleading", "en", "other.example").Outcome);
        var own = crosswalk.Map("misleading", "en", "www.strict.example");
        Assert.Equal((VerdictSource.PublisherLabel, VerdictOutcome.False), (own.Source, own.Outcome));
        Assert.Equal(VerdictOutcome.False, crosswalk.Map("Misleading", "en", "factcheck.strict.example").Outcome);
    }

    [Fact]
    public void PublisherOnlyLabels_AreUnknownToOtherPublishers()
    {
        Assert.Equal(VerdictOutcome.False, Seed.Map("Four Pinocchios", "en", "washingtonpost.com").Outcome);
        Assert.Equal(VerdictSource.Unmapped, Seed.Map("Four Pinocchios", "en", "elsewhere.example").Source);
    }

    [Fact]
    public void ALabelFromAnotherLanguage_MapsOnlyWhenEveryLanguageAgrees()
    {
        var crosswalk = new RatingCrosswalk([
            new CrosswalkEntry("Falso", VerdictOutcome.False, "es"),
            new CrosswalkEntry("Falso", VerdictOutcome.False, "pt"),
            new CrosswalkEntry("Contexto", VerdictOutcome.NotAVerdict, "es"),
            new CrosswalkEntry("Contexto", VerdictOutcome.Mixed, "pt"),
        ]);

        var agreed = crosswalk.Map("Falso", "it", null);
        Assert.Equal((VerdictSource.OtherLanguageLabel, VerdictOutcome.False), (agreed.Source, agreed.Outcome));
        Assert.Equal(VerdictOutcome.False, crosswalk.Map("Falso", null, null).Outcome);
        Assert.Equal(VerdictSource.Unmapped, crosswalk.Map("Contexto", null, null).Source);
        Assert.Equal(VerdictOutcome.Mixed, crosswalk.Map("Contexto", "pt", null).Outcome);
    }

    [Fact]
    public void ConflictingEntries_AreRefusedAtLoad()
    {
        var e = Assert.Throws<InvalidDataException>(() => new RatingCrosswalk([
            new CrosswalkEntry("Misleading", VerdictOutcome.Mixed, "en"),
            new CrosswalkEntry("MISLEADING!", VerdictOutcome.False, "en"),
        ]));
        Assert.Contains("MISLEADING!", e.Message);
    }

    [Fact]
    public void TheSeed_CoversSixLanguages()
    {
        Assert.Equal(["ar", "de", "en", "es", "fr", "pt"],
            Seed.Entries.Select(e => e.Language!).Distinct().Order());
    }
}
