using static ClaimTracker.Scoring.Tests.Build;

namespace ClaimTracker.Scoring.Tests;

// Brier and log scores of stated confidences against known outcomes, and the calibration table.
public class StatedConfidenceTests
{
    // Source 0: "appears" (0.7) on a true claim and on a false one, "almost certain" (0.95) on a true claim, 0.2 on a
    // partly true claim, 0.9 on an unresolved claim (not scored) and no stated confidence on another true claim.
    private static ScoringInput HandComputed() => new()
    {
        SourceCount = 1,
        ClaimOutcomes = [Outcome.True, Outcome.False, Outcome.True, Outcome.Partly, Outcome.Unknown, Outcome.True],
        ClaimQuestions = [-1, -1, -1, -1, -1, -1],
        TermNames = ["appears", "almost certain"],
        VoteTerms = [0, 0, 1, 0],
        Votes =
        [
            new(0, 0, 0, true, VoteRole.Origin, 0.7f, AsOf, 0, 1),
            new(0, 1, 0, true, VoteRole.Origin, 0.7f, AsOf, 1, 1),
            new(0, 2, 0, true, VoteRole.Origin, 0.95f, AsOf, 2, 1),
            new(0, 3, 0, true, VoteRole.Origin, 0.2f, AsOf, 0, 0),
            new(0, 4, 0, true, VoteRole.Origin, 0.9f, AsOf, 3, 1),
            new(0, 5, 0, true, VoteRole.Origin, float.NaN, AsOf, 0, 0),
        ],
    };

    [Fact]
    public void Brier_IsTheMeanSquaredDistanceFromTheOutcome_OverVotesWithAStatedConfidence()
    {
        var source = Score(HandComputed()).Sources[0];

        Assert.Equal((0.09 + 0.49 + 0.0025 + 0.09) / 4, source.Brier!.Value, 1e-9);
        Assert.Equal(4, source.ScoredReports);
    }

    [Fact]
    public void LogScore_IsTheMeanLogOfTheProbabilityGivenToWhatHappened_LeavingOutPartlyTrueClaims()
    {
        var source = Score(HandComputed()).Sources[0];

        Assert.Equal((Math.Log(0.7) + Math.Log(0.3) + Math.Log(0.95)) / 3, source.LogScore!.Value, 1e-9);
    }

    [Fact]
    public void Calibration_HasARowPerUsedBinThenPerHedgeTerm()
    {
        var rows = Score(HandComputed()).Sources[0].Calibration;

        var expected = new[]
        {
            new CalibrationRow("bin", "0.2-0.3", 0.2, 0.5, 1),
            new CalibrationRow("bin", "0.7-0.8", 0.7, 0.5, 2),
            new CalibrationRow("bin", "0.9-1.0", 0.95, 1, 1),
            new CalibrationRow("term", "almost certain", 0.95, 1, 1),
            new CalibrationRow("term", "appears", 0.7, 0.5, 2),
        };
        Assert.Equal(expected.Select(r => (r.Kind, r.Key, r.Count)), rows.Select(r => (r.Kind, r.Key, r.Count)));
        Assert.Equal(expected.Select(r => r.Stated), rows.Select(r => r.Stated), new ToleranceComparer(1e-9));
        Assert.Equal(expected.Select(r => r.Observed), rows.Select(r => r.Observed), new ToleranceComparer(1e-9));
    }

    [Theory]
    [InlineData(0f, "0.0-0.1")]
    [InlineData(0.1f, "0.1-0.2")]
    [InlineData(0.3f, "0.3-0.4")]
    [InlineData(0.7f, "0.7-0.8")]
    [InlineData(0.99f, "0.9-1.0")]
    [InlineData(1f, "0.9-1.0")]
    public void Calibration_AStatedConfidence_FallsInTheBinItStartsOrIsInside(float stated, string bin)
    {
        var input = Input(1, [Outcome.True], [Vote(0, 0, stated: stated)]);

        Assert.Equal(bin, Score(input).Sources[0].Calibration.Single().Key);
    }

    [Fact]
    public void HedgedAndWrong_LosesLessThanCertainAndWrong_ButTheSameReliability()
    {
        // Both affirm a claim that proved false: source 0 said "appears" (0.6), source 1 "almost certain" (0.99).
        var result = Score(Input(2, [Outcome.False], [Vote(0, 0, stated: 0.6f), Vote(1, 0, stated: 0.99f)]));

        var (hedged, certain) = (result.Sources[0], result.Sources[1]);
        Assert.Equal(0.36, hedged.Brier!.Value, 1e-6);
        Assert.Equal(0.9801, certain.Brier!.Value, 1e-6);
        Assert.True(hedged.LogScore > certain.LogScore);
        Assert.Equal(Math.Log(0.01), certain.LogScore!.Value, 1e-6);
        Assert.Equal(hedged.Mean, certain.Mean);
    }

    [Fact]
    public void StatedConfidence_OnAnAnswerExcludedByItsQuestion_IsScoredAgainstFalse()
    {
        var input = Input(1, [Outcome.True, Outcome.Unknown], [Vote(0, 1, stated: 0.8f)], questions: [0, 0]);

        var source = Score(input).Sources[0];

        Assert.Equal(0.64, source.Brier!.Value, 1e-6);
        Assert.Equal(Math.Log(0.2), source.LogScore!.Value, 1e-6);
    }

    [Fact]
    public void StatedConfidence_OnlyOnPartlyTrueClaims_HasABrierScoreButNoLogScore()
    {
        var source = Score(Input(1, [Outcome.Partly], [Vote(0, 0, stated: 0.5f)])).Sources[0];

        Assert.Equal(0, source.Brier!.Value, 1e-12);
        Assert.Null(source.LogScore);
        Assert.Equal(1, source.ScoredReports);
    }
}
