namespace ClaimTracker.Scoring;

// Scores every source's reliability and estimates every unresolved claim, in one pass over plain arrays. The model
// (Beta reliabilities, independence of votes, EM over the base rate of true claims), its sources and what was tried and
// left out are in docs/scoring.md, whose steps the comments here name.
//
// Each parallel stage works in fixed chunks, each item written by one thread only and sums taken in chunk order, so
// the results are the same, to the bit, whatever the number of threads.
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
        var odds = new SourceLogOdds(sourceCount, clamp, parameters.PushBoundQuantile);
        // The reliabilities the latest estimates were computed from: explanations show these, so that their pushes add
        // up to the estimate they explain.
        var estimatedWith = new double[sourceCount];
        tracks.Credit(null, right, wrong, options);
        Posterior(right, wrong, priorAlpha, priorBeta, reliability, options);

        var iterations = 0;
        var converged = open.Length == 0;
        var lastChange = 0.0;
        var extrapolation = new Extrapolation(right, wrong);
        while (!converged && iterations < parameters.MaxIterations)
        {
            ct.ThrowIfCancellationRequested();
            iterations++;
            Array.Copy(reliability, estimatedWith, sourceCount);
            odds.Update(reliability, right, wrong, priorAlpha, priorBeta, options);
            lastChange = truth.Estimate(odds);

            converged = lastChange <= parameters.Tolerance && !extrapolation.Jumped;
            tracks.Credit(truth.Probability, right, wrong, options);
            if (!converged) extrapolation.After(right, wrong);
            Posterior(right, wrong, priorAlpha, priorBeta, reliability, options);
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
        var claims = new ClaimEstimateList(open, truth.Probability, alone, baseLogOdds, units, estimatedWith, odds, parameters, options);
        progress?.Report(new ScoringProgress("claims", open.Length, open.Length));

        return new ScoringResult(sources, claims, iterations, converged, lastChange, priorAlpha, priorBeta, copyGroups) { BaseRate = Sigmoid(baseLogOdds), Ties = Ties.Find(open, truth.Probability, input.ClaimQuestions) };
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
    // weighted votes behind each. Descriptive only: the estimates weigh both sides by the reliability (docs/scoring.md, step 4).
    public (double AffirmPrecision, double Affirms, double DenyPrecision, double Denials) Sides(int s, double reliability, double strength)
    {
        double affirms = _rightAffirm[s] + _wrongAffirm[s], denials = _rightDeny[s] + _wrongDeny[s];
        return ((_rightAffirm[s] + strength * reliability) / (affirms + strength), affirms,
            (_rightDeny[s] + strength * reliability) / (denials + strength), denials);
    }
}
