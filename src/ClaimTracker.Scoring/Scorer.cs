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
//    correctness (step 4). This is the reliability the API reports (Mean, Lower, Upper, Band).
// 3. Independence: votes on a claim that share an origin, or whose origins copy each other, count once in the claim's
//    estimate (EvidenceUnits.cs, CopyDetection.cs).
// 4. Unresolved claims are estimated jointly with reliability by expectation-maximisation in the manner of AccuVote
//    (Dong, Berti-Equille, Srivastava, VLDB 2009) and the Dawid-Skene one-coin model ("Maximum likelihood estimation of
//    observer error-rates using the EM algorithm", 1979): one reliability R per source, the share of its votes that are
//    right. A vote is then read as a calibrated forecast: when the source affirms, the claim is true with probability R;
//    when it denies, false with probability R. With π the base rate of true claims, Bayes' rule turns each forecast into
//    a likelihood ratio (its odds over the prior odds), and independent ones multiply: the "product rule" for combining
//    calibrated posteriors (Kittler, Hatef, Duin, Matas, "On combining classifiers", IEEE PAMI 1998; Bordley, "A
//    multiplicative formula for aggregating probability assessments", Management Science 1982). On the log-odds scale
//    a claim starts at logit(π) and each unit of evidence (step 3) adds
//        affirms:  + weight × (logit(R) − logit(π))          = weight × ln[P(affirms | true) / P(affirms | false)]
//        denies:   − weight × (logit(R) − logit(1 − π))      = weight × ln[P(denies | true) / P(denies | false)]
//    (R and π held inside [clamp, 1 - clamp]), so p = σ(L) for a claim alone. The claims of a question start at 0
//    against "none of these" and get p_c = e^L_c / (1 + Σ_k e^L_k), so the answers never sum above 1. π is the share of
//    claims that are true, known outcomes and estimates together, solved with the estimates (TruthEstimation).
//    Reliability is then re-estimated counting each vote on an unresolved claim as p right if it affirms, 1 - p if it
//    denies, and the two steps alternate until no estimate moves more than Tolerance, or MaxIterations. It starts from
//    reliabilities fitted to known outcomes only.
//
//    Why over the base rate. This scorer used to add ± weight × logit(R) to log-odds 0: the same rule with π = 1/2.
//    When most claims are true (most reports are of things that happened; most listed restaurants are open), that
//    overrates affirmations and underrates denials. A site that lists every restaurant it ever heard of, closed ones
//    too, is right about as often as restaurants are open (R ≈ π) and its listing says nothing: its push above is
//    zero. A denial is the surprising vote, and one from a source of the same R outweighs an affirmation, by
//    logit(1 − π) against logit(π) (see Estimate_OfAnAffirmationAndADenialOfEqualReliability). A source whose claims
//    are true less often than claims in general pulls down what it affirms. On the Restaurant data
//    (RestaurantAccuracyTests) accuracy goes from 0.57, below majority vote with ties called closed (0.66), to 0.80;
//    on worlds where claims are true half the time (PropertyTests) nothing changes.
//
//    Tried and left out, with the figures on Restaurant: a precision per side (P(true | affirms) and P(false | denies),
//    each a Beta posterior learnt by EM: the "two-coin" model of Dawid and Skene, as in Raykar et al., "Learning from
//    crowds", JMLR 2010, and the Latent Truth Model of Zhao, Rubinstein, Gemmell, Han, PVLDB 2012) gives 0.55: with 16
//    listings to every removal, EM finds it likelier that the removals are the errors; shrunk toward the source's R
//    (10 votes) 0.56; learnt from resolved claims only, shrunk toward R, about R's figure there (0.80 against 0.80 with
//    30% resolved) but 2 points below R in the synthetic worlds, where a side has few resolved votes. Copy detection
//    finds no copies there; a confidence-interval discount for sources with few votes in the manner of CATD (Li et al.,
//    PVLDB 2015) lowers accuracy on both. The per-side precisions are still reported (SourceScore.AffirmPrecision,
//    DenyPrecision), from resolved claims, for a fact-checker to read; they do not enter the estimates.
// 5. Stated confidence is scored separately (StatedConfidence.cs) and never enters the posterior.
//
// Speed: the votes are laid out once, by claim, in flat arrays (VoteLayout, EvidenceUnits), and the votes on unresolved
// claims by source (TrackRecords); each iteration is then one pass over the units of the unresolved claims, one or
// two over the claims for π, and one over the sources' votes on them, without allocation. Claims, sources and the
// stages before and after run in parallel (MaxDegreeOfParallelism) in fixed chunks, each item written by one thread
// only and sums taken in chunk order, so the results are the same, to the bit, whatever the number of threads.
// Explanations are kept in flat arrays and read out as records when read (ClaimEstimateList).
public static class Scorer
{
    public static ScoringResult Score(
        ScoringInput input, ScoringParameters parameters, long asOf, IProgress<ScoringProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parameters);
        ct.ThrowIfCancellationRequested();
        ScoringValidation.ValidateParallelism(parameters);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parameters.MaxDegreeOfParallelism ?? -1, CancellationToken = ct };
        ScoringValidation.Validate(input, parameters, options);

        var votes = input.Votes;
        var sourceCount = input.SourceCount;
        var claimCount = input.ClaimCount;
        var clamp = parameters.ReliabilityClamp;
        var known = KnownOutcomes(input);
        var columns = new VoteColumns(input, known, parameters, asOf, options);

        progress?.Report(new ScoringProgress("independence", 0, 2));
        var layout = new VoteLayout(input, columns, options);
        var copyRoot = CopyDetection.Groups(sourceCount, layout, parameters, options, out var copyGroups);
        progress?.Report(new ScoringProgress("independence", 1, 2));
        var units = new EvidenceUnits(layout, copyRoot, options);
        progress?.Report(new ScoringProgress("independence", 2, 2));

        var (priorAlpha, priorBeta) = Prior(known, units, parameters);
        var tracks = new TrackRecords(input.SourceCount, columns);
        var truth = new TruthEstimation(input, known, units, clamp, options);
        var open = truth.Open;

        // What the iterations carry besides the estimates (in TruthEstimation): per source its credit, right and wrong,
        // known and expected, and its reliability with the log-odds of it.
        var right = new double[sourceCount];
        var wrong = new double[sourceCount];
        var reliability = new double[sourceCount];
        var reliabilityLogOdds = new double[sourceCount];
        // The reliabilities the latest estimates were computed from: explanations show these, so that their pushes add
        // up to the estimate they explain.
        var estimatedWith = new double[sourceCount];
        tracks.Credit(null, right, wrong, options);
        Posterior(right, wrong, priorAlpha, priorBeta, reliability, options);

        var iterations = 0;
        var converged = open.Length == 0;
        var lastChange = 0.0;
        while (!converged && iterations < parameters.MaxIterations)
        {
            ct.ThrowIfCancellationRequested();
            iterations++;
            Array.Copy(reliability, estimatedWith, sourceCount);
            Chunks.For(sourceCount, 8192, options, (from, to) =>
            {
                for (var s = from; s < to; s++) reliabilityLogOdds[s] = Logit(reliability[s], clamp);
            });
            lastChange = truth.Estimate(reliabilityLogOdds);

            tracks.Credit(truth.Probability, right, wrong, options);
            Posterior(right, wrong, priorAlpha, priorBeta, reliability, options);
            converged = lastChange <= parameters.Tolerance;
            progress?.Report(new ScoringProgress("iterating", iterations, parameters.MaxIterations));
        }

        // Progress is reported between slices, from this thread only: an IProgress need not be thread-safe.
        var stated = new StatedConfidence(input, columns, known, clamp);
        var sources = new SourceScore[sourceCount];
        for (var slice = 0; slice < sourceCount; slice += SourcesPerSlice)
        {
            progress?.Report(new ScoringProgress("sources", slice, sourceCount));
            var end = Math.Min(sourceCount, slice + SourcesPerSlice);
            Parallel.For(0, Chunks.Count(end - slice, SourcesPerChunk), options, stated.NewScratch, (chunk, _, scratch) =>
            {
                var first = slice + chunk * SourcesPerChunk;
                for (var s = first; s < Math.Min(end, first + SourcesPerChunk); s++)
                    sources[s] = SourceScore(s, right[s], wrong[s], priorAlpha, priorBeta, tracks, stated.Score(s, scratch), parameters);
                return scratch;
            }, _ => { });
        }
        progress?.Report(new ScoringProgress("sources", sourceCount, sourceCount));

        progress?.Report(new ScoringProgress("claims", 0, open.Length));
        var alone = new bool[open.Length];
        for (var i = 0; i < open.Length; i++) alone[i] = input.ClaimQuestions[open[i]] < 0;
        var baseLogOdds = truth.BaseLogOdds;
        var claims = new ClaimEstimateList(open, truth.Probability, alone, baseLogOdds, units, estimatedWith, parameters, options);
        progress?.Report(new ScoringProgress("claims", open.Length, open.Length));

        return new ScoringResult(sources, claims, iterations, converged, lastChange, priorAlpha, priorBeta, copyGroups) { BaseRate = Sigmoid(baseLogOdds) };
    }

    private const int SourcesPerChunk = 512;
    private const int SourcesPerSlice = 8192;

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
        if (confirmedQuestions.Count == 0) return known;
        for (var c = 0; c < input.ClaimCount; c++)
            if (double.IsNaN(known[c]) && confirmedQuestions.Contains(input.ClaimQuestions[c])) known[c] = 0;
        return known;
    }

    // The prior of the reliability, unless given: Beta(m × strength, (1 - m) × strength), m being the base rate of right
    // votes on claims with known outcomes. It is counted per unit of evidence (EvidenceUnits), so that twenty relays of
    // one report, or a source and its copies, weigh as one: a unit counts with the largest credit weight among its votes
    // (all its votes take one side on one claim, so they are equally right). With no known outcome m is
    // DefaultBaseRate. m is held inside [0.05, 0.95]: a base rate of exactly 1 from a handful of outcomes would give a
    // prior with beta = 0, which says no source could ever be wrong.
    private static (double Alpha, double Beta) Prior(double[] known, EvidenceUnits units, ScoringParameters p)
    {
        if (p.PriorAlpha is { } alpha && p.PriorBeta is { } beta) return (alpha, beta);
        double rightTotal = 0, total = 0;
        for (var c = 0; c < known.Length; c++)
        {
            var o = known[c];
            if (double.IsNaN(o)) continue;
            for (var u = units.UnitStart[c]; u < units.UnitStart[c + 1]; u++)
            {
                if (units.MaxCredit[u] <= 0) continue;
                rightTotal += units.MaxCredit[u] * (units.Affirms[u] ? o : 1 - o);
                total += units.MaxCredit[u];
            }
        }
        var m = total > 0 ? Math.Clamp(rightTotal / total, 0.05, 0.95) : p.DefaultBaseRate;
        return (m * p.PriorStrength, (1 - m) * p.PriorStrength);
    }

    private static void Posterior(double[] right, double[] wrong, double alpha, double beta, double[] reliability, ParallelOptions options) =>
        Chunks.For(reliability.Length, 8192, options, (from, to) =>
        {
            for (var s = from; s < to; s++) reliability[s] = (right[s] + alpha) / (right[s] + wrong[s] + alpha + beta);
        });

    internal static double Logit(double r, double clamp)
    {
        r = Math.Clamp(r, clamp, 1 - clamp);
        return Math.Log(r / (1 - r));
    }

    // Without a branch on the sign (which the estimates' signs would make unpredictable): for very negative l, e^-l
    // overflows to infinity and the result is 0, as it should be.
    internal static double Sigmoid(double l) => 1 / (1 + Math.Exp(-l));

    private static SourceScore SourceScore(int s, double right, double wrong, double priorAlpha, double priorBeta, TrackRecords tracks,
        StatedConfidence.Scores stated, ScoringParameters p)
    {
        double alpha = right + priorAlpha, beta = wrong + priorBeta;
        var mean = alpha / (alpha + beta);
        var (lower, upper) = BetaDistribution.Interval95(alpha, beta);
        var samples = right + wrong;
        var (affirmPrecision, affirmSamples, denyPrecision, denySamples) = tracks.Sides(s, mean, p.PriorStrength);
        return new SourceScore(s, mean, lower, upper, alpha, beta, samples, stated.Brier, stated.LogScore, stated.Scored,
            Band(mean, samples, p), stated.Calibration)
        {
            AffirmPrecision = affirmPrecision,
            AffirmSamples = affirmSamples,
            DenyPrecision = denyPrecision,
            DenySamples = denySamples,
        };
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
}

// Each source's votes, laid out source by source: the credit known outcomes give (fixed through the iterations, and
// kept per side for the precisions) and, in flat arrays, its votes on unresolved claims, which each iteration credits
// with the claim's current estimate. Summed source by source in input order, so every source's credit is the same on
// any number of threads.
internal sealed class TrackRecords
{
    private readonly double[] _rightAffirm, _wrongAffirm, _rightDeny, _wrongDeny;
    private readonly int[] _start, _claim;
    // Per vote on an unresolved claim, the slope of its expected right credit in p: its weight if it affirms (weight ×
    // p), minus its weight if it denies (weight × (1 - p)). Per source, the part that does not depend on p (known right
    // credit plus the weight of its denials of unresolved claims), and the total weight of its votes (right + wrong).
    private readonly double[] _slope, _fixedRight, _total;

    // Two passes over the votes in input order, over the few columns they need: the known credit, summed per source in
    // input order, and the votes on unresolved claims counted per source; then those votes placed.
    public TrackRecords(int sources, VoteColumns votes)
    {
        _rightAffirm = new double[sources];
        _wrongAffirm = new double[sources];
        _rightDeny = new double[sources];
        _wrongDeny = new double[sources];
        _start = new int[sources + 1];
        for (var v = 0; v < votes.Count; v++)
        {
            var s = votes.Source[v];
            var o = votes.Known[v];
            if (double.IsNaN(o))
            {
                _start[s + 1]++;
                continue;
            }
            var w = votes.Credit[v];
            if (votes.Affirms[v])
            {
                _rightAffirm[s] += w * o;
                _wrongAffirm[s] += w * (1 - o);
            }
            else
            {
                _rightDeny[s] += w * (1 - o);
                _wrongDeny[s] += w * o;
            }
        }
        for (var s = 0; s < sources; s++) _start[s + 1] += _start[s];
        _claim = new int[_start[sources]];
        _slope = new double[_start[sources]];
        var next = _start[..^1];
        for (var v = 0; v < votes.Count; v++)
        {
            if (!double.IsNaN(votes.Known[v])) continue;
            var k = next[votes.Source[v]]++;
            _claim[k] = votes.Claim[v];
            _slope[k] = votes.Affirms[v] ? votes.Credit[v] : -votes.Credit[v];
        }
        _fixedRight = new double[sources];
        _total = new double[sources];
        for (var s = 0; s < sources; s++)
        {
            _fixedRight[s] = _rightAffirm[s] + _rightDeny[s];
            _total[s] = _fixedRight[s] + _wrongAffirm[s] + _wrongDeny[s];
            for (var k = _start[s]; k < _start[s + 1]; k++)
            {
                if (_slope[k] < 0) _fixedRight[s] -= _slope[k];
                _total[s] += Math.Abs(_slope[k]);
            }
        }
    }

    public double KnownAffirms(int s) => _rightAffirm[s] + _wrongAffirm[s];
    public double KnownDenials(int s) => _rightDeny[s] + _wrongDeny[s];

    // Known credit plus, unless probability is null, each vote on an unresolved claim counted right with probability p
    // if it affirms, 1 - p if it denies: its expected share. Wrong is the rest of the source's weight.
    public void Credit(double[]? probability, double[] right, double[] wrong, ParallelOptions options)
    {
        Chunks.For(right.Length, 1024, options, (from, to) =>
        {
            for (var s = from; s < to; s++)
            {
                if (probability is null)
                {
                    right[s] = _rightAffirm[s] + _rightDeny[s];
                    wrong[s] = _wrongAffirm[s] + _wrongDeny[s];
                    continue;
                }
                var r = _fixedRight[s];
                for (var i = _start[s]; i < _start[s + 1]; i++) r += _slope[i] * probability[_claim[i]];
                right[s] = r;
                wrong[s] = Math.Max(0, _total[s] - r);
            }
        });
    }

    // What a source's resolved votes say of each side, apart: the share of its affirmations that proved true and of its
    // denials that proved false, each a Beta posterior mean over its known outcomes on that side with a prior of
    // `strength` votes centred on its reliability (so a side with no resolved votes shows the reliability), and the
    // weighted votes behind each. Descriptive only: the estimates weigh both sides by the reliability (Scorer, step 4).
    public (double AffirmPrecision, double Affirms, double DenyPrecision, double Denials) Sides(int s, double reliability, double strength)
    {
        double affirms = _rightAffirm[s] + _wrongAffirm[s], denials = _rightDeny[s] + _wrongDeny[s];
        return ((_rightAffirm[s] + strength * reliability) / (affirms + strength), affirms,
            (_rightDeny[s] + strength * reliability) / (denials + strength), denials);
    }
}
