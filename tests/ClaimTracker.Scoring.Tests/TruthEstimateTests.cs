using static ClaimTracker.Scoring.Tests.Build;

namespace ClaimTracker.Scoring.Tests;

// Estimates for unresolved claims: the log-odds rule, questions, independence of chains and copies, explanations,
// iterations, progress and cancellation.
public class TruthEstimateTests
{
    // Sources 0..n-1, each with `right` right and `wrong` wrong votes on resolved claims 0.., then whatever `then` adds on
    // unresolved claims numbered from `firstOpen`. The resolved claims are true and false in turn, and a right vote
    // affirms a true one or denies a false one (a wrong vote the reverse), so that claims are true about half the time:
    // in a world where every claim is true, the base rate alone would make any new claim all but certain (Scorer).
    private static ScoringInput TrackRecords(int sources, int right, int wrong, int open, Func<int, IEnumerable<Vote>> then, int[]? questions = null)
    {
        var votes = new List<Vote>();
        var outcomes = new List<Outcome>();
        for (var s = 0; s < sources; s++)
        {
            for (var k = 0; k < right; k++) Resolved(s, k % 2 == 0, right: true);
            for (var k = 0; k < wrong; k++) Resolved(s, k % 2 == 1, right: false);
        }
        var firstOpen = outcomes.Count;
        votes.AddRange(then(firstOpen));
        outcomes.AddRange(Unknown(open));
        var allQuestions = Enumerable.Repeat(-1, firstOpen).Concat(questions ?? Enumerable.Repeat(-1, open)).ToArray();
        return Input(sources, [.. outcomes], votes, allQuestions);

        void Resolved(int source, bool isTrue, bool right)
        {
            votes.Add(Vote(source, outcomes.Count, affirms: isTrue == right));
            outcomes.Add(isTrue ? Outcome.True : Outcome.False);
        }
    }

    [Fact]
    public void Estimate_OfOneVote_IsTheReliabilityItWasComputedFrom()
    {
        var result = Score(TrackRecords(1, 8, 2, 1, c => [Vote(0, c)]));

        var estimate = result.Claims.Single();
        Assert.Equal(estimate.Explanation.Single().Reliability, estimate.Probability, 1e-12);
        Assert.InRange(estimate.Probability, 0.7, 0.85);
    }

    [Fact]
    public void Estimate_IsTheSigmoidOfThePriorPlusThePushes_EachWeightTimesTheLogOddsOfReliabilityOverTheBaseRate()
    {
        var result = Score(TrackRecords(3, 6, 2, 1, c => [Vote(0, c), Vote(1, c, role: VoteRole.Publisher), Vote(2, c, affirms: false)]));

        var estimate = result.Claims.Single();
        var baseRate = Math.Log(result.BaseRate / (1 - result.BaseRate));
        Assert.Equal(baseRate, estimate.PriorLogOdds, 1e-12);
        var pushes = estimate.Explanation.Select(e => (e.Affirms ? 1 : -1) * e.Weight * Math.Log(e.Reliability / (1 - e.Reliability)) - e.Weight * baseRate).ToArray();
        Assert.Equal(pushes, estimate.Explanation.Select(e => e.Push), new ToleranceComparer(1e-12));
        Assert.Equal(1 / (1 + Math.Exp(-(estimate.PriorLogOdds + pushes.Sum()))), estimate.Probability, 1e-12);
        Assert.Equal(1.25, estimate.AffirmWeight, 1e-12);
        Assert.Equal(1, estimate.DenyWeight, 1e-12);
    }

    [Fact]
    public void Estimate_OfAnAffirmationAndADenialOfEqualReliability_LeansAgainstTheBaseRate()
    {
        // Claims 0-7 resolved, six of them true; sources 0 and 1 each right on four of them (so the same reliability, in
        // the first iteration) and at odds on claim 8. Naive Bayes over the base rate: a denial is the surprising vote
        // when most claims are true, so it says more than an affirmation, and the claim comes out below even odds,
        // at 1 - π, where a majority vote (and the one-reliability rule this scorer used before) calls a tie.
        var votes = new List<Vote>();
        var outcomes = new[] { true, true, true, false, true, true, true, false };
        for (var c = 0; c < 8; c++) votes.Add(Vote(c % 2, c, affirms: outcomes[c]));
        votes.AddRange([Vote(0, 8), Vote(1, 8, affirms: false)]);
        var input = Input(2, [.. outcomes.Select(o => o ? Outcome.True : Outcome.False), Outcome.Unknown], votes);

        var once = Score(input, Parameters with { MaxIterations = 1 });
        var converged = Score(input);

        var estimate = once.Claims.Single();
        Assert.Equal(estimate.Explanation[0].Reliability, estimate.Explanation[1].Reliability, 1e-12);
        Assert.True(once.BaseRate > 0.6);
        Assert.Equal(1 - once.BaseRate, estimate.Probability, 1e-9);
        Assert.True(Math.Abs(estimate.Explanation.Single(e => !e.Affirms).Push) > Math.Abs(estimate.Explanation.Single(e => e.Affirms).Push));
        Assert.True(converged.Estimate(8) < 0.5);
        Assert.True(converged.Sources[1].Mean > converged.Sources[0].Mean);
    }

    [Fact]
    public void Estimate_FollowsTheMoreReliableSource()
    {
        // Source 0 was right 9 times in 10, source 1 wrong 9 times in 10; they disagree.
        var input = TrackRecords(1, 9, 1, 1, c => [Vote(0, c), Vote(1, c, affirms: false)]);
        var votes = input.Votes.ToList();
        for (var k = 0; k < 10; k++) votes.Add(Vote(1, k, affirms: (input.ClaimOutcomes[k] == Outcome.True) == (k == 9)));

        var result = Score(Input(2, input.ClaimOutcomes, votes));

        // Source 1's denial counts for the claim, but only as far as the top of its interval (about 0.40 against its
        // mean 0.16) supports: ten outcomes do not prove a source wrong 84% of the time (BoundedPush).
        Assert.True(result.Estimate(10) > 0.85);
        var denial = result.Claims[0].Explanation.Single(e => !e.Affirms);
        Assert.InRange(denial.Push, 0.01, Math.Log((1 - denial.Reliability) / denial.Reliability) + Math.Log((1 - result.BaseRate) / result.BaseRate) - 0.5);
        Assert.True(denial.CountedReliability > denial.Reliability + 0.1);
    }

    [Fact]
    public void Estimate_OfAVeryReliableSource_IsHeldByTheReliabilityClamp()
    {
        var result = Score(TrackRecords(1, 5000, 0, 1, c => [Vote(0, c)]));

        var estimate = result.Claims.Single();
        Assert.Equal(0.99, estimate.Probability, 1e-12);
        Assert.Equal(Math.Log(0.99 / 0.01), estimate.PriorLogOdds + estimate.Explanation.Single().Push, 1e-12);
    }

    [Fact]
    public void Claims_ReadTwice_AreEqualRecords()
    {
        var result = Score(TrackRecords(3, 6, 2, 2, c => [Vote(0, c), Vote(1, c, affirms: false), Vote(2, c + 1)]));

        Assert.Equal(result.Claims[0], result.Claims[0]);
        Assert.Equal(result.Claims.ToList(), result.Claims.ToList());
        Assert.Equal(result.Claims[0].Explanation.ToList(), result.Claims.First().Explanation.ToList());
        Assert.Equal(2, result.Claims[0].Explanation.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Claims[0].Explanation[2]);
    }

    [Fact]
    public void Estimate_OfAClaimNobodyVotedOn_IsOneHalf()
    {
        var result = Score(Input(1, Unknown(1), []));

        var estimate = result.Claims.Single();
        Assert.Equal(0.5, estimate.Probability);
        Assert.Empty(estimate.Explanation);
    }

    [Fact]
    public void Estimate_OfAClaimNobodyVotedOn_IsTheBaseRate()
    {
        // Three of four resolved claims true, by Laplace's rule π = (3 + 1) / (4 + 2).
        var result = Score(Input(1, [Outcome.True, Outcome.True, Outcome.True, Outcome.False, Outcome.Unknown], [Vote(0, 0)]));

        Assert.Equal(4.0 / 6, result.BaseRate, 1e-9);
        Assert.Equal(result.BaseRate, result.Claims.Single().Probability, 1e-12);
    }

    [Fact]
    public void Question_EstimatesOfItsAnswers_SumToAtMostOne()
    {
        // Three answers, each affirmed by two reliable sources: alone each would be near 1.
        Func<int, IEnumerable<Vote>> votes = c => Enumerable.Range(0, 6).Select(s => Vote(s, c + s / 2));
        var asQuestion = Score(TrackRecords(6, 9, 1, 3, votes, questions: [0, 0, 0]));
        var alone = Score(TrackRecords(6, 9, 1, 3, votes));

        Assert.True(asQuestion.Claims.Sum(c => c.Probability) <= 1);
        Assert.True(alone.Claims.Sum(c => c.Probability) > 2.5);
        var logOdds = asQuestion.Claims.Select(c => c.Explanation.Sum(e => e.Push)).ToArray();
        foreach (var (claim, l) in asQuestion.Claims.Zip(logOdds))
            Assert.Equal(Math.Exp(l) / (1 + logOdds.Sum(Math.Exp)), claim.Probability, 1e-12);
    }

    [Fact]
    public void Question_WithOneWellSupportedAnswer_LeavesTheOthersLow()
    {
        // Two reliable sources say Vostochny, one says Vladivostok.
        var result = Score(TrackRecords(3, 9, 1, 2, c => [Vote(0, c), Vote(1, c), Vote(2, c + 1)], questions: [0, 0]));

        Assert.True(result.Claims[0].Probability > 0.8);
        Assert.True(result.Claims[1].Probability < 0.2);
    }

    [Fact]
    public void Independence_TwentyRelaysOfOneOrigin_MoveAClaimNoMoreThanTheOriginAlone()
    {
        var alone = Score(TrackRecords(21, 4, 1, 1, c => [Vote(0, c)]));
        var relayed = Score(TrackRecords(21, 4, 1, 1, c => Enumerable.Range(1, 20).Select(s => Vote(s, c, role: VoteRole.Relay, origin: 0)).Prepend(Vote(0, c))));
        var independent = Score(TrackRecords(21, 4, 1, 1, c => Enumerable.Range(0, 21).Select(s => Vote(s, c))));

        Assert.Equal(alone.Claims[0].Probability, relayed.Claims[0].Probability, 1e-12);
        Assert.True(independent.Claims[0].Probability > alone.Claims[0].Probability + 0.1);
    }

    [Fact]
    public void Independence_AStoryKnownOnlyThroughItsPublisher_CountsWithThePublishersWeightAndTheOriginsReliability()
    {
        // Source 1 publishes what source 0 (reliable) originated; source 0's own vote is not recorded.
        var result = Score(TrackRecords(2, 9, 1, 1, c => [Vote(1, c, role: VoteRole.Publisher, origin: 0)]));

        var contribution = result.Claims[0].Explanation.Single();
        Assert.Equal((0, 0.25), (contribution.Source, contribution.Weight));
        Assert.Equal(result.Sources[0].Mean, contribution.Reliability, 1e-3);
    }

    [Fact]
    public void Copies_OfASourceWithNoChains_AreOneCopyGroupAndCountOnce()
    {
        // Sources 0 and 1 vote on six new claims; source 2 then repeats every vote of source 0, its track record too.
        var tracked = TrackRecords(3, 3, 1, 6, c => Enumerable.Range(0, 6).SelectMany(k => new[] { Vote(0, c + k, affirms: k != 3), Vote(1, c + k, affirms: k % 2 == 0) }));
        var original = Input(3, tracked.ClaimOutcomes, tracked.Votes.Where(v => v.Source != 2));
        var copied = Input(3, original.ClaimOutcomes, original.Votes.Concat(original.Votes.Where(v => v.Source == 0).Select(v => v with { Source = 2, Origin = 2 })));

        // Run to a tight tolerance: the two runs take different paths (the copy's credit enters the extrapolation's step
        // length), so they agree only as far as both have converged (and the base rate is solved, to 1e-9 in log-odds).
        var exact = Parameters with { Tolerance = 1e-12, MaxIterations = 1000 };
        var withoutCopy = Score(original, exact);
        var withCopy = Score(copied, exact);

        Assert.Equal(0, withoutCopy.CopyGroups);
        Assert.Equal(1, withCopy.CopyGroups);
        Assert.Equal(withoutCopy.Claims.Select(c => c.Probability), withCopy.Claims.Select(c => c.Probability), new ToleranceComparer(1e-7));
        Assert.All(withCopy.Claims, c => Assert.Contains(c.Explanation, e => e.Source == 0 && e.CountedWithOthers && e.Votes == 2));
    }

    [Theory]
    [InlineData(6, 5, 6, 6)]   // agree on 5 of 6 shared claims: 83% < 95%
    [InlineData(4, 4, 4, 4)]   // only 4 shared claims
    [InlineData(6, 6, 8, 8)]   // shared 6 of the smaller source's 8 claims: 75% < 80%
    public void Copies_BelowAThreshold_AreNotACopyGroup(int shared, int agreeing, int claimsOfFirst, int claimsOfSecond)
    {
        var votes = new List<Vote>();
        for (var k = 0; k < shared; k++) votes.AddRange([Vote(0, k), Vote(1, k, affirms: k < agreeing)]);
        for (var k = shared; k < claimsOfFirst; k++) votes.Add(Vote(0, 100 + k));
        for (var k = shared; k < claimsOfSecond; k++) votes.Add(Vote(1, 200 + k));

        Assert.Equal(0, Score(Input(2, Unknown(300), votes)).CopyGroups);
    }

    [Fact]
    public void Copies_AtTheThresholds_AreACopyGroup()
    {
        // 20 shared claims, 19 agreeing (95%); each source has 25 claims, so shared is 80% of the smaller one's.
        var votes = new List<Vote>();
        for (var k = 0; k < 20; k++) votes.AddRange([Vote(0, k), Vote(1, k, affirms: k < 19)]);
        for (var k = 0; k < 5; k++) votes.AddRange([Vote(0, 100 + k), Vote(1, 200 + k)]);

        Assert.Equal(1, Score(Input(2, Unknown(300), votes)).CopyGroups);
    }

    [Fact]
    public void Copies_OnClaimsWithMoreVotersThanTheCap_AreNotCounted()
    {
        var votes = new List<Vote>();
        for (var k = 0; k < 10; k++)
            for (var s = 0; s < 12; s++) votes.Add(Vote(s, k));

        Assert.Equal(1, Score(Input(12, Unknown(10), votes)).CopyGroups);
        Assert.Equal(0, Score(Input(12, Unknown(10), votes), Parameters with { CopyMaxVotersPerClaim = 11 }).CopyGroups);
    }

    [Fact]
    public void Copies_AreFoundOnlyAmongSourcesSpeakingForThemselves()
    {
        // Source 1 relays everything source 0 says: a known chain, counted once through the origin, not a copy group.
        var votes = Enumerable.Range(0, 8).SelectMany(k => new[] { Vote(0, k), Vote(1, k, role: VoteRole.Relay, origin: 0) });

        var result = Score(Input(2, Unknown(8), votes));

        Assert.Equal(0, result.CopyGroups);
        Assert.All(result.Claims, c => Assert.True(c.Explanation.Single().CountedWithOthers));
    }

    [Fact]
    public void Explanation_ListsTheStrongestPushesFirst_AtMostMaxExplanation_WithTheRelayedReportAsOneEntry()
    {
        var result = Score(TrackRecords(33, 4, 1, 1, c =>
            Enumerable.Range(1, 20).Select(s => Vote(s, c, role: VoteRole.Relay, origin: 0)).Prepend(Vote(0, c))
                .Concat(Enumerable.Range(21, 12).Select(s => Vote(s, c, affirms: s % 3 != 0, role: s % 2 == 0 ? VoteRole.Origin : VoteRole.Publisher)))),
            Parameters with { MaxExplanation = 10 });

        var explanation = result.Claims[0].Explanation;
        Assert.Equal(10, explanation.Count);
        Assert.Equal(explanation.OrderByDescending(e => Math.Abs(e.Push)).Select(e => e.Push), explanation.Select(e => e.Push));
        var report = Assert.Single(explanation, e => e.Source == 0);
        Assert.Equal((true, 21, 1.0), (report.CountedWithOthers, report.Votes, report.Weight));
        Assert.All(explanation.Where(e => e.Source != 0), e => Assert.Equal((false, 1), (e.CountedWithOthers, e.Votes)));
        Assert.Equal(3, Score(TrackRecords(33, 4, 1, 1, c => Enumerable.Range(0, 33).Select(s => Vote(s, c))), Parameters with { MaxExplanation = 3 })
            .Claims[0].Explanation.Count);
    }

    [Fact]
    public void Iterations_StopWhenNoEstimateMovesMoreThanTheTolerance()
    {
        var input = TrackRecords(4, 3, 1, 3, c => [Vote(0, c), Vote(1, c, affirms: false), Vote(2, c + 1), Vote(3, c + 1), Vote(0, c + 2), Vote(3, c + 2, affirms: false)]);

        var result = Score(input);
        var once = Score(input, Parameters with { MaxIterations = 1 });

        Assert.True(result.Converged);
        Assert.True(result.LastChange <= Parameters.Tolerance);
        Assert.InRange(result.Iterations, 2, Parameters.MaxIterations);
        Assert.Equal((1, false), (once.Iterations, once.Converged));
        Assert.True(once.LastChange > Parameters.Tolerance);
    }

    [Fact]
    public void Progress_ReportsIndependenceThenIteratingThenSources()
    {
        var stages = new List<ScoringProgress>();
        var input = TrackRecords(3, 2, 1, 2, c => [Vote(0, c), Vote(1, c + 1)]);

        var result = Scorer.Score(input, Parameters, AsOf, new Collect(stages));

        var order = stages.Select(s => s.Stage).Distinct().ToArray();
        Assert.Equal(new[] { "independence", "iterating", "sources", "claims" }, order);
        Assert.Contains(new ScoringProgress("iterating", result.Iterations, Parameters.MaxIterations), stages);
        Assert.Contains(new ScoringProgress("sources", 3, 3), stages);
    }

    [Fact]
    public void Cancellation_StopsTheRun()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => Scorer.Score(TrackRecords(2, 1, 1, 1, c => [Vote(0, c)]), Parameters, AsOf, null, cancelled.Token));
    }

    [Fact]
    public void Cancellation_BetweenIterations_StopsTheRun()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new Collect([], p => { if (p.Stage == "iterating") cancel.Cancel(); });
        var input = TrackRecords(4, 3, 1, 3, c => [Vote(0, c), Vote(1, c, affirms: false), Vote(2, c + 1), Vote(3, c + 1)]);

        Assert.Throws<OperationCanceledException>(() => Scorer.Score(input, Parameters, AsOf, progress, cancel.Token));
    }

    [Theory]
    [InlineData(5, 0, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(0, 0, 5)]
    [InlineData(-1, 0, 0)]
    public void Validation_AVoteNamingNothing_Throws(int source, int claim, int origin)
    {
        var input = Input(2, Unknown(2), [new Vote(source, claim, origin, true, VoteRole.Origin, float.NaN, AsOf, 0, 0)]);

        Assert.Throws<ArgumentException>(() => Score(input));
    }

    [Fact]
    public void Validation_BadStatedConfidenceOrTermsOrParameters_Throw()
    {
        Assert.Throws<ArgumentException>(() => Score(Input(1, Unknown(1), [Vote(0, 0, stated: 1.5f)])));
        Assert.Throws<ArgumentException>(() => Score(Input(1, Unknown(1), [Vote(0, 0) with { TermStart = 0, TermCount = 1 }])));
        Assert.Throws<ArgumentException>(() => Score(Input(1, Unknown(1), []), Parameters with { HalfLifeDays = 0 }));
        Assert.Throws<ArgumentException>(() => Score(Input(1, Unknown(1), []), Parameters with { PriorAlpha = 1 }));
        Assert.Throws<ArgumentException>(() => Score(Input(1, Unknown(1), []), Parameters with { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentException>(() => Score(new ScoringInput { SourceCount = 1, ClaimOutcomes = Unknown(1), ClaimQuestions = [], Votes = [] }));
    }

    private sealed class Collect(List<ScoringProgress> into, Action<ScoringProgress>? also = null) : IProgress<ScoringProgress>
    {
        public void Report(ScoringProgress value)
        {
            into.Add(value);
            also?.Invoke(value);
        }
    }
}

internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(double obj) => 0;
}
