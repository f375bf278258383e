namespace ClaimTracker.Scoring;

// Scores every source's reliability and estimates every unresolved claim, in one pass over plain arrays.
//
// 1. Known outcomes. A claim's Outcome counts True = 1, False = 0, Partly = 0.5. Answers to one question exclude each
//    other, so when one claim of a question is True every other claim of it whose outcome is Unknown counts as False:
//    confirming "they met at Vostochny" contradicts "they met in Vladivostok".
// 2. Reliability is a Beta posterior (Jøsang & Ismail, "The Beta Reputation System", 2002): r = weighted votes that
//    proved right, s = weighted votes that proved wrong. A vote is right when it affirms a true claim or denies a false
//    one; on a partly true claim it is half right. Its weight is its role weight (origin, relay, publisher: a relay
//    vouches for a story less than the one who first told it) times 0.5^(age / HalfLifeDays), Jøsang's forgetting
//    factor, with age counted from AsOf (a vote dated after AsOf counts as new). Unresolved claims add their expected
//    correctness (step 4).
// 3. Independence: votes on a claim that share an origin, or whose origins copy each other, count once in the claim's
//    estimate (EvidenceUnits.cs, CopyDetection.cs).
// 4. Unresolved claims are estimated jointly with reliability by expectation-maximisation in the manner of AccuVote
//    (Dong, Berti-Equille, Srivastava, VLDB 2009) and the Dawid-Skene one-coin model: a unit of evidence with reliability
//    R adds ±weight × ln(R / (1 - R)) to its claim's log-odds L (R held inside [clamp, 1 - clamp]); a claim alone gets
//    p = σ(L), the claims of a question get p_c = e^L_c / (1 + Σ_k e^L_k), where the 1 stands for "none of these", so
//    the answers to one question never sum above 1. Reliability is then re-estimated counting each vote on an
//    unresolved claim as p right if it affirms, 1 - p if it denies, and the two steps alternate until no estimate moves
//    more than Tolerance, or MaxIterations. It starts from reliabilities fitted to known outcomes only.
// 5. Stated confidence is scored separately (StatedConfidence.cs) and never enters the posterior.
public static class Scorer
{
    public static ScoringResult Score(
        ScoringInput input, ScoringParameters parameters, IProgress<ScoringProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parameters);
        ScoringValidation.Validate(input, parameters);
        ct.ThrowIfCancellationRequested();

        var votes = input.Votes;
        var sourceCount = input.SourceCount;
        var known = KnownOutcomes(input);
        var roleWeight = new double[votes.Length];
        var creditWeight = new double[votes.Length];
        for (var v = 0; v < votes.Length; v++)
        {
            roleWeight[v] = RoleWeight(votes[v].Role, parameters);
            creditWeight[v] = roleWeight[v] * Decay(votes[v].At, parameters);
        }

        progress?.Report(new ScoringProgress("independence", 0, 2));
        var layout = new VoteLayout(input);
        var copyRoot = CopyDetection.Groups(input, layout, parameters, out var copyGroups, ct);
        progress?.Report(new ScoringProgress("independence", 1, 2));
        var units = new EvidenceUnits(input, layout, copyRoot, roleWeight, ct);
        progress?.Report(new ScoringProgress("independence", 2, 2));

        var (priorAlpha, priorBeta) = Prior(input, known, creditWeight, units, parameters);

        // The part of r and s that known outcomes give: fixed through the iterations.
        var knownRight = new double[sourceCount];
        var knownWrong = new double[sourceCount];
        for (var v = 0; v < votes.Length; v++)
        {
            var o = known[votes[v].Claim];
            if (double.IsNaN(o)) continue;
            var correct = votes[v].Affirms ? o : 1 - o;
            knownRight[votes[v].Source] += creditWeight[v] * correct;
            knownWrong[votes[v].Source] += creditWeight[v] * (1 - correct);
        }
        var right = (double[])knownRight.Clone();
        var wrong = (double[])knownWrong.Clone();
        var reliability = new double[sourceCount];
        Posterior(right, wrong, priorAlpha, priorBeta, reliability);

        var unresolved = Enumerable.Range(0, input.ClaimCount).Where(c => double.IsNaN(known[c])).ToArray();
        var questions = QuestionGroups(input, unresolved);
        var pending = new PendingVotes(input, layout, unresolved, creditWeight);
        var probability = new double[input.ClaimCount];
        foreach (var c in unresolved) probability[c] = 0.5;
        var logOdds = new double[input.ClaimCount];
        var sourceLogOdds = new double[sourceCount];
        // The reliabilities the latest estimates were computed from: explanations show these, so that their pushes add
        // up to the estimate they explain.
        var estimatedWith = (double[])reliability.Clone();

        var iterations = 0;
        var converged = unresolved.Length == 0;
        var lastChange = 0.0;
        while (!converged && iterations < parameters.MaxIterations)
        {
            ct.ThrowIfCancellationRequested();
            iterations++;
            Array.Copy(reliability, estimatedWith, sourceCount);
            for (var s = 0; s < sourceCount; s++) sourceLogOdds[s] = Logit(reliability[s], parameters.ReliabilityClamp);
            foreach (var c in unresolved) logOdds[c] = LogOdds(c, units, reliability, sourceLogOdds, parameters.ReliabilityClamp);
            lastChange = Estimate(unresolved, questions, input.ClaimQuestions, logOdds, probability);

            Array.Copy(knownRight, right, sourceCount);
            Array.Copy(knownWrong, wrong, sourceCount);
            pending.AddExpectedCredit(probability, right, wrong);
            Posterior(right, wrong, priorAlpha, priorBeta, reliability);
            converged = lastChange <= parameters.Tolerance;
            progress?.Report(new ScoringProgress("iterating", iterations, parameters.MaxIterations));
        }

        var stated = new StatedConfidence(input, known, parameters.ReliabilityClamp);
        var sources = new SourceScore[sourceCount];
        for (var s = 0; s < sourceCount; s++)
        {
            if ((s & 0x3FF) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ScoringProgress("sources", s, sourceCount));
            }
            sources[s] = SourceScore(s, right[s], wrong[s], priorAlpha, priorBeta, stated, parameters);
        }
        progress?.Report(new ScoringProgress("sources", sourceCount, sourceCount));

        var claims = new ClaimEstimate[unresolved.Length];
        for (var i = 0; i < unresolved.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ScoringProgress("claims", i, unresolved.Length));
            }
            claims[i] = Explain(unresolved[i], probability[unresolved[i]], units, estimatedWith, parameters);
        }
        progress?.Report(new ScoringProgress("claims", unresolved.Length, unresolved.Length));

        return new ScoringResult(sources, claims, iterations, converged, lastChange, priorAlpha, priorBeta, copyGroups);
    }

    // Per claim its known outcome (1, 0, 0.5) or NaN when unknown, with the exclusion rule of questions applied.
    internal static double[] KnownOutcomes(ScoringInput input)
    {
        var known = new double[input.ClaimCount];
        var confirmedQuestions = new HashSet<int>();
        for (var c = 0; c < input.ClaimCount; c++)
        {
            known[c] = input.ClaimOutcomes[c] switch
            {
                Outcome.True => 1,
                Outcome.False => 0,
                Outcome.Partly => 0.5,
                _ => double.NaN,
            };
            if (input.ClaimOutcomes[c] == Outcome.True && input.ClaimQuestions[c] >= 0) confirmedQuestions.Add(input.ClaimQuestions[c]);
        }
        for (var c = 0; c < input.ClaimCount; c++)
            if (double.IsNaN(known[c]) && confirmedQuestions.Contains(input.ClaimQuestions[c])) known[c] = 0;
        return known;
    }

    private static double RoleWeight(VoteRole role, ScoringParameters p) => role switch
    {
        VoteRole.Origin => p.OriginWeight,
        VoteRole.Relay => p.RelayWeight,
        _ => p.PublisherWeight,
    };

    private static double Decay(long at, ScoringParameters p)
    {
        var ageDays = Math.Max(0, p.AsOf - at) / 86_400.0;
        return Math.Pow(0.5, ageDays / p.HalfLifeDays);
    }

    // The prior, unless given: Beta(m × strength, (1 - m) × strength), m being the base rate of right votes on claims
    // with known outcomes. It is counted per unit of evidence (EvidenceUnits), so that twenty relays of one report, or a
    // source and its copies, weigh as one: a unit counts with the largest credit weight among its votes and is as right
    // as its votes are on average (credit-weighted). With no known outcome m is DefaultBaseRate. m is held inside
    // [0.05, 0.95]: a base rate of exactly 1 from a handful of outcomes would give a prior with beta = 0, which says no
    // source could ever be wrong.
    private static (double Alpha, double Beta) Prior(
        ScoringInput input, double[] known, double[] creditWeight, EvidenceUnits units, ScoringParameters p)
    {
        if (p.PriorAlpha is { } alpha && p.PriorBeta is { } beta) return (alpha, beta);
        var unitRight = new double[units.Count];
        var unitWeight = new double[units.Count];
        var unitMax = new double[units.Count];
        for (var v = 0; v < input.Votes.Length; v++)
        {
            var o = known[input.Votes[v].Claim];
            if (double.IsNaN(o)) continue;
            var u = units.UnitOfVote[v];
            unitRight[u] += creditWeight[v] * (input.Votes[v].Affirms ? o : 1 - o);
            unitWeight[u] += creditWeight[v];
            unitMax[u] = Math.Max(unitMax[u], creditWeight[v]);
        }
        double rightTotal = 0, total = 0;
        for (var u = 0; u < units.Count; u++)
        {
            if (unitWeight[u] <= 0) continue;
            rightTotal += unitMax[u] * unitRight[u] / unitWeight[u];
            total += unitMax[u];
        }
        var m = total > 0 ? Math.Clamp(rightTotal / total, 0.05, 0.95) : p.DefaultBaseRate;
        return (m * p.PriorStrength, (1 - m) * p.PriorStrength);
    }

    private static void Posterior(double[] right, double[] wrong, double alpha, double beta, double[] reliability)
    {
        for (var s = 0; s < reliability.Length; s++) reliability[s] = (right[s] + alpha) / (right[s] + wrong[s] + alpha + beta);
    }

    private static double Logit(double r, double clamp)
    {
        r = Math.Clamp(r, clamp, 1 - clamp);
        return Math.Log(r / (1 - r));
    }

    // A unit of several origins is a copy group: whichever member the others copied, the group is trusted no more than
    // its least reliable member. (Not the mean: each added copy would pull the mean toward the copied source.)
    private static double UnitReliability(int u, EvidenceUnits units, double[] reliability)
    {
        var least = 1.0;
        for (var i = units.OriginStart[u]; i < units.OriginStart[u + 1]; i++) least = Math.Min(least, reliability[units.Origins[i]]);
        return least;
    }

    private static double LogOdds(int claim, EvidenceUnits units, double[] reliability, double[] sourceLogOdds, double clamp)
    {
        var l = 0.0;
        for (var u = units.UnitStart[claim]; u < units.UnitStart[claim + 1]; u++)
        {
            var sole = units.SoleOrigin[u];
            var lo = sole >= 0 ? sourceLogOdds[sole] : Logit(UnitReliability(u, units, reliability), clamp);
            l += (units.Affirms[u] ? 1 : -1) * units.Weight[u] * lo;
        }
        return l;
    }

    // Unresolved claims that belong to a question, grouped by question (claims of a question whose answer is known
    // are not here: the rule in KnownOutcomes resolved them).
    private static int[][] QuestionGroups(ScoringInput input, int[] unresolved) =>
        unresolved.Where(c => input.ClaimQuestions[c] >= 0)
            .GroupBy(c => input.ClaimQuestions[c])
            .OrderBy(g => g.Key)
            .Select(g => g.ToArray())
            .ToArray();

    // New estimates from the log-odds; returns the largest change.
    private static double Estimate(int[] unresolved, int[][] questions, int[] claimQuestions, double[] logOdds, double[] probability)
    {
        var change = 0.0;
        foreach (var c in unresolved)
        {
            if (claimQuestions[c] >= 0) continue;
            var p = Sigmoid(logOdds[c]);
            change = Math.Max(change, Math.Abs(p - probability[c]));
            probability[c] = p;
        }
        foreach (var question in questions)
        {
            // Softmax with "none of these" at log-odds 0, shifted by the largest term so no exponential overflows.
            var max = 0.0;
            foreach (var c in question) max = Math.Max(max, logOdds[c]);
            var denominator = Math.Exp(-max);
            foreach (var c in question) denominator += Math.Exp(logOdds[c] - max);
            foreach (var c in question)
            {
                var p = Math.Exp(logOdds[c] - max) / denominator;
                change = Math.Max(change, Math.Abs(p - probability[c]));
                probability[c] = p;
            }
        }
        return change;
    }

    private static double Sigmoid(double l) => l >= 0 ? 1 / (1 + Math.Exp(-l)) : Math.Exp(l) / (1 + Math.Exp(l));

    private static SourceScore SourceScore(
        int s, double right, double wrong, double priorAlpha, double priorBeta, StatedConfidence stated, ScoringParameters p)
    {
        double alpha = right + priorAlpha, beta = wrong + priorBeta;
        var mean = alpha / (alpha + beta);
        var lower = BetaDistribution.Quantile(0.025, alpha, beta);
        var upper = BetaDistribution.Quantile(0.975, alpha, beta);
        var samples = right + wrong;
        return new SourceScore(s, mean, lower, upper, alpha, beta, samples, stated.Brier(s), stated.LogScore(s), stated.Scored(s),
            Band(mean, samples, p), stated.Calibration(s));
    }

    // Reliability letters in the manner of the Admiralty code that NATO uses for sources: F "cannot be judged" below MinimumSampleForBand effective
    // outcomes, whatever the mean; otherwise A to E by the posterior mean.
    internal static Band Band(double mean, double samples, ScoringParameters p) =>
        samples < p.MinimumSampleForBand ? Scoring.Band.F
        : mean >= p.BandA ? Scoring.Band.A
        : mean >= p.BandB ? Scoring.Band.B
        : mean >= p.BandC ? Scoring.Band.C
        : mean >= p.BandD ? Scoring.Band.D
        : Scoring.Band.E;

    // The claim's units by the size of their push, strongest first (ties: lower source first), at most MaxExplanation.
    private static ClaimEstimate Explain(int claim, double probability, EvidenceUnits units, double[] reliability, ScoringParameters p)
    {
        double affirmWeight = 0, denyWeight = 0;
        var contributions = new List<Contribution>(units.UnitStart[claim + 1] - units.UnitStart[claim]);
        for (var u = units.UnitStart[claim]; u < units.UnitStart[claim + 1]; u++)
        {
            var r = UnitReliability(u, units, reliability);
            var push = (units.Affirms[u] ? 1 : -1) * units.Weight[u] * Logit(r, p.ReliabilityClamp);
            if (units.Affirms[u]) affirmWeight += units.Weight[u]; else denyWeight += units.Weight[u];
            contributions.Add(new Contribution(units.Origins[units.OriginStart[u]], units.Affirms[u], units.Weight[u], r, push, units.VoteCount[u] > 1)
            {
                Votes = units.VoteCount[u],
            });
        }
        contributions.Sort((x, y) =>
        {
            var byPush = Math.Abs(y.Push).CompareTo(Math.Abs(x.Push));
            return byPush != 0 ? byPush : x.Source != y.Source ? x.Source.CompareTo(y.Source) : x.Affirms.CompareTo(y.Affirms);
        });
        if (contributions.Count > p.MaxExplanation) contributions.RemoveRange(p.MaxExplanation, contributions.Count - p.MaxExplanation);
        return new ClaimEstimate(claim, probability, affirmWeight, denyWeight, contributions);
    }
}

// The votes on unresolved claims, laid out claim by claim in flat arrays: each iteration credits them with the claim's
// current estimate, and reading them in order (rather than jumping through the vote array) keeps that pass fast.
internal sealed class PendingVotes
{
    private readonly int[] _claims, _start, _source;
    private readonly double[] _weight;
    private readonly bool[] _affirms;

    public PendingVotes(ScoringInput input, VoteLayout layout, int[] unresolved, double[] creditWeight)
    {
        _claims = unresolved;
        _start = new int[unresolved.Length + 1];
        for (var k = 0; k < unresolved.Length; k++)
            _start[k + 1] = _start[k] + layout.ClaimStart[unresolved[k] + 1] - layout.ClaimStart[unresolved[k]];
        _source = new int[_start[^1]];
        _weight = new double[_start[^1]];
        _affirms = new bool[_start[^1]];
        var i = 0;
        foreach (var c in unresolved)
            for (var j = layout.ClaimStart[c]; j < layout.ClaimStart[c + 1]; j++, i++)
            {
                var v = layout.ByClaim[j];
                _source[i] = input.Votes[v].Source;
                _weight[i] = creditWeight[v];
                _affirms[i] = input.Votes[v].Affirms;
            }
    }

    // A vote on an unresolved claim is right with probability p if it affirms, 1 - p if it denies: its expected share.
    public void AddExpectedCredit(double[] probability, double[] right, double[] wrong)
    {
        for (var k = 0; k < _claims.Length; k++)
        {
            var p = probability[_claims[k]];
            for (var i = _start[k]; i < _start[k + 1]; i++)
            {
                var expected = _affirms[i] ? p : 1 - p;
                right[_source[i]] += _weight[i] * expected;
                wrong[_source[i]] += _weight[i] * (1 - expected);
            }
        }
    }
}
