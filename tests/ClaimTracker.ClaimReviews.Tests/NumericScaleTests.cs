using ClaimTracker.ClaimReviews;

namespace ClaimTracker.ClaimReviews.Tests;

public class NumericScaleTests
{
    private static readonly RatingCrosswalk Crosswalk = new(
        [new CrosswalkEntry("False", VerdictOutcome.False, "en")],
        new Dictionary<string, NumericScale>
        {
            ["ordered.example"] = new(5, 1, OrderedByTruth: true),
            ["unordered.example"] = new(6, 1, OrderedByTruth: false),
            ["exact.example"] = new(3, 1, OrderedByTruth: true,
                new Dictionary<string, VerdictOutcome> { ["1"] = VerdictOutcome.False, ["3"] = VerdictOutcome.True }),
        });

    [Theory]
    [InlineData(1, VerdictOutcome.False)]
    [InlineData(2, VerdictOutcome.False)]
    [InlineData(3, VerdictOutcome.Mixed)]
    [InlineData(4, VerdictOutcome.MostlyTrue)]
    [InlineData(5, VerdictOutcome.True)]
    public void ADeclaredOrderedScale_GivesAVerdictWhenNoLabelMaps(double value, VerdictOutcome outcome)
    {
        var verdict = Crosswalk.Map(null, "en", "ordered.example", new NumericRating(value, 5, 1));

        Assert.Equal((VerdictSource.NumericScale, outcome), (verdict.Source, verdict.Outcome));
    }

    [Fact]
    public void AKnownLabel_WinsOverTheNumber()
    {
        Assert.Equal(VerdictSource.LanguageLabel,
            Crosswalk.Map("False", "en", "ordered.example", new NumericRating(5, 5, 1)).Source);
    }

    [Fact]
    public void NumbersFromUndeclaredOrUnorderedScales_AreIgnored()
    {
        // One real publisher rates every verdict 4 of 6: the number says nothing.
        Assert.Equal(VerdictSource.NoRating, Crosswalk.Map(null, "en", "unordered.example", new NumericRating(4, 6, 1)).Source);
        Assert.Equal(VerdictSource.NoRating, Crosswalk.Map(null, "en", "unknown.example", new NumericRating(5, 5, 1)).Source);
        var unknownLabel = Crosswalk.Map("Zany", "en", "unknown.example", new NumericRating(5, 5, 1));
        Assert.Equal(VerdictSource.Unmapped, unknownLabel.Source);
    }

    [Fact]
    public void ARatingOffTheDeclaredScale_IsIgnored()
    {
        // Another rates "true" 6 of 5.
        Assert.Null(Crosswalk.Map(null, "en", "ordered.example", new NumericRating(6, 5, 1)).Outcome);
        Assert.Null(Crosswalk.Map(null, "en", "ordered.example", new NumericRating(4, 10, 1)).Outcome);
    }

    [Fact]
    public void ExplicitValues_AreUsedExactly()
    {
        Assert.Equal(VerdictOutcome.True, Crosswalk.Map(null, null, "exact.example", new NumericRating(3, null, null)).Outcome);
        Assert.Null(Crosswalk.Map(null, null, "exact.example", new NumericRating(2, null, null)).Outcome);
    }

    [Fact]
    public void AnUnmappedLabel_WithAnOrderedNumber_GetsTheNumbersVerdictAndStaysListedAsUnknown()
    {
        var verdict = Crosswalk.Map("Zany", "en", "ordered.example", new NumericRating(1, 5, 1));

        Assert.Equal(VerdictOutcome.False, verdict.Outcome);
        Assert.True(verdict.LabelUnknown);
    }
}
