using static ClaimTracker.Scoring.Tests.Build;

namespace ClaimTracker.Scoring.Tests;

// The Beta posterior of each source: prior, weights (role and decay), partly true claims, questions, bands.
public class ReliabilityTests
{
    private static readonly ScoringParameters UniformPrior = Parameters with { PriorAlpha = 1, PriorBeta = 1 };

    [Fact]
    public void Prior_NotGiven_IsFittedToTheBaseRateOfRightVotes()
    {
        // Three of four votes on known outcomes are right: m = 0.75, strength 2.
        var input = Input(2, [Outcome.True, Outcome.True, Outcome.True, Outcome.True],
            [Vote(0, 0), Vote(0, 1), Vote(1, 2), Vote(1, 3, affirms: false)]);

        var result = Score(input);

        Assert.Equal(1.5, result.PriorAlpha, 1e-12);
        Assert.Equal(0.5, result.PriorBeta, 1e-12);
    }

    [Fact]
    public void Prior_WithNoKnownOutcome_IsTheDefaultBaseRate()
    {
        var result = Score(Input(2, Unknown(1), [Vote(0, 0), Vote(1, 0, affirms: false)]));

        Assert.Equal(1.4, result.PriorAlpha, 1e-12);
        Assert.Equal(0.6, result.PriorBeta, 1e-12);
    }

    [Fact]
    public void Prior_FollowsPriorStrength()
    {
        var result = Score(Input(1, Unknown(0), []), Parameters with { PriorStrength = 10 });

        Assert.Equal(7, result.PriorAlpha, 1e-12);
        Assert.Equal(3, result.PriorBeta, 1e-12);
    }

    [Fact]
    public void Prior_Given_IsUsedAsItIs()
    {
        var input = Input(1, [Outcome.True], [Vote(0, 0)]);

        var result = Score(input, Parameters with { PriorAlpha = 3, PriorBeta = 1 });

        Assert.Equal((3, 1), (result.PriorAlpha, result.PriorBeta));
        Assert.Equal(4, result.Sources[0].Alpha, 1e-12);
        Assert.Equal(1, result.Sources[0].Beta, 1e-12);
    }

    [Fact]
    public void Prior_TwentyRelaysOfOneReport_WeighAsOneVoteInTheBaseRate()
    {
        // Source 0's report (right) is relayed by sources 1..20; source 21 is wrong once. Counted per report: m = 1/2.
        var votes = new List<Vote> { Vote(0, 0) };
        for (var relay = 1; relay <= 20; relay++) votes.Add(Vote(relay, 0, role: VoteRole.Relay, origin: 0));
        votes.Add(Vote(21, 1, affirms: false));

        var result = Score(Input(22, [Outcome.True, Outcome.True], votes));

        Assert.Equal(1, result.PriorAlpha, 1e-12);
        Assert.Equal(1, result.PriorBeta, 1e-12);
    }

    [Fact]
    public void Prior_AllKnownVotesRight_StaysBelowCertainty()
    {
        var result = Score(Input(1, [Outcome.True, Outcome.False], [Vote(0, 0), Vote(0, 1, affirms: false)]));

        Assert.Equal(0.95 * 2, result.PriorAlpha, 1e-12);
        Assert.Equal(0.05 * 2, result.PriorBeta, 1e-12);
    }

    [Fact]
    public void Mean_IsRightPlusAlphaOverAllPlusAlphaPlusBeta()
    {
        // Right twice, wrong once, uniform prior: (2 + 1) / (3 + 2).
        var input = Input(1, [Outcome.True, Outcome.False, Outcome.True], [Vote(0, 0), Vote(0, 1, affirms: false), Vote(0, 2, affirms: false)]);

        var source = Score(input, UniformPrior).Sources[0];

        Assert.Equal(0.6, source.Mean, 1e-12);
        Assert.Equal((3, 2), (source.Alpha, source.Beta));
        Assert.Equal(3, source.EffectiveSamples, 1e-12);
        Assert.Equal(BetaDistribution.Quantile(0.025, 3, 2), source.Lower, 1e-12);
        Assert.Equal(BetaDistribution.Quantile(0.975, 3, 2), source.Upper, 1e-12);
    }

    [Theory]
    [InlineData(730, 0.5)]
    [InlineData(1460, 0.25)]
    [InlineData(365, 0.7071067811865476)]
    [InlineData(0, 1)]
    [InlineData(-30, 1)]
    public void Decay_AnOutcomeHalfLifeDaysOld_CountsHalf(int ageDays, double weight)
    {
        var input = Input(1, [Outcome.True], [Vote(0, 0, at: AsOf - ageDays * Day)]);

        var source = Score(input, UniformPrior with { DecayReference = DecayReference.AsOf }).Sources[0];

        Assert.Equal(weight, source.EffectiveSamples, 1e-12);
        Assert.Equal(1 + weight, source.Alpha, 1e-12);
    }

    [Fact]
    public void Decay_FollowsHalfLifeDays()
    {
        var input = Input(1, [Outcome.True], [Vote(0, 0, at: AsOf - 30 * Day)]);

        var source = Score(input, UniformPrior with { HalfLifeDays = 30, DecayReference = DecayReference.AsOf }).Sources[0];

        Assert.Equal(0.5, source.EffectiveSamples, 1e-12);
    }

    [Fact]
    public void RoleWeights_OriginRelayAndPublisher_EarnTheirRolesWeight()
    {
        // Yonhap (origin) -> AFP (relay) -> NDTV (publisher), and the claim proved true.
        var input = Input(3, [Outcome.True], [Vote(0, 0), Vote(1, 0, role: VoteRole.Relay, origin: 0), Vote(2, 0, role: VoteRole.Publisher, origin: 0)]);

        var sources = Score(input, UniformPrior with { OriginWeight = 1, RelayWeight = 0.4, PublisherWeight = 0.1 }).Sources;

        Assert.Equal([1, 0.4, 0.1], sources.Select(s => Math.Round(s.EffectiveSamples, 12)));
        Assert.Equal([2, 1.4, 1.1], sources.Select(s => Math.Round(s.Alpha, 12)));
    }

    [Fact]
    public void Partly_CountsHalfRightAndHalfWrong_EitherWay()
    {
        var input = Input(2, [Outcome.Partly], [Vote(0, 0), Vote(1, 0, affirms: false)]);

        var sources = Score(input, UniformPrior).Sources;

        Assert.All(sources, s => Assert.Equal((1.5, 1.5), (s.Alpha, s.Beta)));
    }

    [Fact]
    public void Question_ConfirmingOneAnswer_MakesTheOthersCountAsFalse()
    {
        // "Where will Kim meet Putin?": Vostochny (claim 0) confirmed, Vladivostok (claim 1) unresolved but excluded.
        var input = Input(2, [Outcome.True, Outcome.Unknown, Outcome.Unknown], [Vote(0, 1), Vote(1, 1, affirms: false), Vote(1, 2)],
            questions: [0, 0, -1]);

        var result = Score(input, UniformPrior);

        Assert.Equal((1, 2), (result.Sources[0].Alpha, result.Sources[0].Beta));
        Assert.Equal(2, result.Sources[1].Alpha - (result.Claims.Single().Probability), 1e-12);
        Assert.Equal([2], result.Claims.Select(c => c.Claim));
    }

    [Fact]
    public void Question_WithNoConfirmedAnswer_LeavesTheOthersUnresolved()
    {
        var input = Input(1, [Outcome.False, Outcome.Unknown], [Vote(0, 1)], questions: [0, 0]);

        var result = Score(input);

        Assert.Equal([1], result.Claims.Select(c => c.Claim));
    }

    [Fact]
    public void Relays_OfAReport_EachEarnTheirOwnCredit()
    {
        var votes = new List<Vote> { Vote(0, 0) };
        for (var relay = 1; relay <= 20; relay++) votes.Add(Vote(relay, 0, role: VoteRole.Relay, origin: 0));

        var sources = Score(Input(21, [Outcome.False], votes), UniformPrior).Sources;

        Assert.Equal(2, sources[0].Beta, 1e-12);
        Assert.All(sources.Skip(1), s => Assert.Equal((1, 1.5), (s.Alpha, s.Beta)));
    }

    [Theory]
    [InlineData(0.95, 10, Band.A)]
    [InlineData(0.9, 10, Band.A)]
    [InlineData(0.89, 10, Band.B)]
    [InlineData(0.75, 10, Band.B)]
    [InlineData(0.7, 10, Band.C)]
    [InlineData(0.6, 10, Band.C)]
    [InlineData(0.5, 10, Band.D)]
    [InlineData(0.4, 10, Band.D)]
    [InlineData(0.39, 10, Band.E)]
    [InlineData(0.05, 3, Band.E)]
    [InlineData(0.99, 2.99, Band.F)]
    [InlineData(0.05, 0, Band.F)]
    public void Band_ByMeanAndSample_IsTheAdmiraltyLetter(double mean, double samples, Band band) =>
        Assert.Equal(band, Scorer.Band(mean, samples, Parameters));

    [Fact]
    public void Band_FollowsItsThresholdParameters()
    {
        var strict = Parameters with { BandA = 0.99, MinimumSampleForBand = 0 };

        Assert.Equal(Band.B, Scorer.Band(0.95, 0, strict));
    }

    [Fact]
    public void Sources_WithoutVotes_GetThePriorAndBandF()
    {
        var result = Score(Input(3, Unknown(0), []));

        Assert.All(result.Sources, s =>
        {
            Assert.Equal(0.7, s.Mean, 1e-12);
            Assert.Equal((1.4, 0.6), (Math.Round(s.Alpha, 12), Math.Round(s.Beta, 12)));
            Assert.Equal(0, s.EffectiveSamples);
            Assert.Equal(Band.F, s.Band);
            Assert.True(s.Lower < s.Mean && s.Mean < s.Upper);
            Assert.Null(s.Brier);
            Assert.Null(s.LogScore);
            Assert.Empty(s.Calibration);
        });
        Assert.Equal([0, 1, 2], result.Sources.Select(s => s.Source));
    }

    [Fact]
    public void Score_NoSourcesNoClaims_ReturnsAnEmptyConvergedResult()
    {
        var result = Score(Input(0, Unknown(0), []));

        Assert.Empty(result.Sources);
        Assert.Empty(result.Claims);
        Assert.Equal((0, true, 0.0, 0), (result.Iterations, result.Converged, result.LastChange, result.CopyGroups));
    }

    [Fact]
    public void Reliability_OfASourceVotingOnlyOnUnresolvedClaims_ComesFromItsAgreementWithTheEstimates()
    {
        // Sources 0-2 have each been right on five claims (affirming the true ones, denying the false ones); source 3
        // contradicts them on a new claim and so earns little credit. (Their track records are on different claims: on
        // the same ones they would be a copy group. Claims are true and false in turn: were all of them true, the base
        // rate alone would say a new claim is true, whoever affirmed it.)
        var votes = new List<Vote>();
        for (var s = 0; s < 3; s++)
            for (var c = 0; c < 5; c++) votes.Add(Vote(s, s * 5 + c, affirms: (s * 5 + c) % 2 == 0));
        votes.AddRange([Vote(0, 15), Vote(1, 15), Vote(2, 15), Vote(3, 15, affirms: false)]);
        var outcomes = Enumerable.Range(0, 15).Select(c => c % 2 == 0 ? Outcome.True : Outcome.False).Append(Outcome.Unknown).ToArray();

        var result = Score(Input(4, outcomes, votes), UniformPrior);

        var p = result.Estimate(15);
        Assert.True(p > 0.99, $"p = {p}, reliabilities {string.Join(", ", result.Sources.Select(s => s.Mean))}");
        Assert.Equal(1 + (1 - p), result.Sources[3].Alpha, 1e-12);
        Assert.Equal(1 + p, result.Sources[3].Beta, 1e-12);
    }
}
