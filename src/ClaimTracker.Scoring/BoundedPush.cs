namespace ClaimTracker.Scoring;

// What one unit of evidence adds to a claim's log-odds (Scorer, step 4), bounded by what its source's record supports
// (docs/estimation.md, "Estimates that hold").
//
// Unbounded, an affirmation from a source of reliability R adds w × (logit(R) − logit(π)) and a denial
// −w × (logit(R) − logit(1 − π)): a vote moves the claim its own way when its source is right more often than the vote's
// neutral point n (π for an affirmation, 1 − π for a denial) and against it when less. The second case is where a thin
// record misleads: a source with no resolved outcome sits at the prior mean, and when that is below π every claim it
// affirms was pushed down merely because it was there (on the sample story `us-government`, at 0.44 against π = 0.5,
// pushed "North Korea supplies Russia with rockets" down by 0.62). So a source counts with its mean R when that is on
// the vote's side of n, and otherwise with the point of [R, Upper] nearest n, Upper being the top of its 95% credible
// interval (its PushBoundQuantile, 0.975, quantile): no push at all while the interval holds n (a source at the prior always does), and below n only as far as
// the interval's upper end. In log-odds, with s = +1 for an affirmation and −1 for a denial, x = logit(π), a = logit(R)
// and b = logit(Upper) (a ≤ b):
//     push = s × w × (clamp(s × x, a, b) − s × x)
// which is the unbounded push whenever s × x ≤ a. Sources above n are not discounted toward n by their interval (as CATD
// does): that lowered accuracy on Restaurant and on the synthetic worlds (Scorer, step 4). The price of the bound, and
// PushBoundQuantile = 0 to go without it: docs/estimation.md.
internal static class BoundedPush
{
    // The log-odds of the reliability the vote counts with.
    public static double CountedLogOdds(bool affirms, double x, double a, double b) => Math.Clamp(affirms ? x : -x, a, b);

    public static double Push(bool affirms, double weight, double x, double a, double b)
    {
        var neutral = affirms ? x : -x;
        var push = weight * (Math.Clamp(neutral, a, b) - neutral);
        // 0 - push rather than -push: a zero push of a denial is +0, not -0 (which JSON would show as "-0").
        return affirms ? push : 0 - push;
    }

    // The push's slope in x: −w outside [a, b] (where the push moves with π), 0 inside.
    public static double Slope(bool affirms, double weight, double x, double a, double b)
    {
        var neutral = affirms ? x : -x;
        return neutral < a || neutral > b ? -weight : 0;
    }
}

// Per source, the log-odds of its reliability (the Beta posterior mean) and of the top of its credible interval,
// for BoundedPush, updated once per iteration from its credit. The quantile costs a few continued fractions, so it is
// recomputed only for sources whose credit moved: those whose votes are all on resolved claims keep theirs.
internal sealed class SourceLogOdds
{
    private readonly double _clamp, _quantile;
    private readonly double[] _alpha, _beta;

    public double[] Mean { get; }
    public double[] Upper { get; }

    public SourceLogOdds(int sources, double clamp, double quantile)
    {
        _clamp = clamp;
        _quantile = quantile;
        Mean = new double[sources];
        Upper = new double[sources];
        _alpha = new double[sources];
        _beta = new double[sources];
    }

    // reliability: the posterior means, (right + priorAlpha) / (right + wrong + priorAlpha + priorBeta).
    public void Update(double[] reliability, double[] right, double[] wrong, double priorAlpha, double priorBeta, ParallelOptions options) =>
        Chunks.For(Mean.Length, 1024, options, (from, to) =>
        {
            for (var s = from; s < to; s++)
            {
                Mean[s] = Scorer.Logit(reliability[s], _clamp);
                double alpha = right[s] + priorAlpha, beta = wrong[s] + priorBeta;
                if (alpha == _alpha[s] && beta == _beta[s]) continue;
                _alpha[s] = alpha;
                _beta[s] = beta;
                // Never below the mean, whatever the rounding: BoundedPush needs a <= b.
                Upper[s] = Math.Max(Mean[s], Scorer.Logit(BetaDistribution.Quantile(_quantile, alpha, beta), _clamp));
            }
        });
}
