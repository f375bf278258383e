namespace ClaimTracker.Scoring;

// The estimation step: every unresolved claim's probability from the reliabilities R of the sources on it, and the
// base rate π of true claims, solved together (docs/scoring.md, step 4).
//
// With x = logit(π) and, for a claim, the pushes of its units (BoundedPush: unbounded, ± weight × logit(R) − weight × x),
// its log-odds are
//     alone:                  L = x + Σ push(x)
//     answer of a question:   L = Σ push(x)  (its answers start level with "none of these"; softmax over the question)
// and π must be the share of true claims it implies: π = (Σ known outcomes + Σ estimates + 1) / (claims + 2), over the
// claims with a known outcome, the unresolved claims alone with at least one vote, and every unresolved answer to a
// question (Laplace's rule of succession; an unresolved claim alone that nobody voted on is estimated at π itself, so
// leaving it out changes nothing; an answer nobody voted on has an estimate of its own, its share of the softmax, and
// counts: a question of four answers holds at most one true claim, and leaving its unbacked answers out overstated π,
// on the synthetic question worlds 0.34 against 0.17 with six answers, and so lowered the pushes of every answer, and a
// vote that pushed nothing still moved π by bringing its answer into the count). Every vote (outside the band where
// BoundedPush holds it at zero) moves L by −weight × x, so updating π from the last estimates and the estimates from
// π would overshoot and swing between "all true" and "all false" on claims with many votes; instead π is the root of that equation for the current precisions,
// found by Newton's method kept inside a shrinking bracket (warm-started from the last root, it takes a pass or two).
// Answers to questions enter the equation at their last estimates.
//
// Each pass over the claims runs in fixed chunks in parallel; the sums over chunks are taken in chunk order, so the
// root and the estimates are the same on any number of threads.
internal sealed class TruthEstimation
{
    private const int ChunkSize = 4096;
    private readonly EvidenceUnits _units;
    private readonly int[] _claimQuestions;
    private readonly double _clamp, _knownTrue;
    private readonly int _knownCount;
    private readonly ParallelOptions _options;
    private readonly int[] _alone;                  // unresolved claims outside questions
    private readonly int[] _aloneVoted;             // those with at least one unit
    private readonly int[] _aloneVotedBefore;       // per chunk of _alone: how many of _aloneVoted come before it
    private readonly int[] _questionClaims, _questionStart;
    // Per unit of an unresolved claim: the log-odds of its reliability and of the top of its interval (BoundedPush's a
    // and b; for a copy group its least reliable member's), set at each Estimate.
    private readonly double[] _low, _high;
    private readonly double[] _questionLogOdds;     // per claim: an answer's log-odds at the x found
    // Per claim of _aloneVoted (by its position there, so that the root search reads them in order): its estimate at
    // the last x tried.
    private readonly double[] _candidate;
    private readonly double[] _sum, _slope, _change; // per chunk

    public int[] Open { get; }
    public double[] Probability { get; }
    public double BaseLogOdds { get; private set; }

    public TruthEstimation(ScoringInput input, double[] known, EvidenceUnits units, double clamp, ParallelOptions options)
    {
        _units = units;
        _claimQuestions = input.ClaimQuestions;
        _clamp = clamp;
        _options = options;
        var claimCount = input.ClaimCount;
        Probability = new double[claimCount];
        _questionLogOdds = new double[claimCount];
        _low = new double[units.Count];
        _high = new double[units.Count];
        var open = new List<int>();
        var alone = new List<int>();
        var aloneVoted = new List<int>();
        var questionKeys = new List<long>();
        for (var c = 0; c < claimCount; c++)
        {
            if (!double.IsNaN(known[c]))
            {
                _knownTrue += known[c];
                _knownCount++;
                continue;
            }
            open.Add(c);
            Probability[c] = 0.5;
            var voted = units.UnitStart[c + 1] > units.UnitStart[c];
            if (_claimQuestions[c] >= 0)
            {
                questionKeys.Add(((long)_claimQuestions[c] << 32) | (uint)c);
            }
            else
            {
                alone.Add(c);
                if (voted) aloneVoted.Add(c);
            }
        }
        Open = open.ToArray();
        _alone = alone.ToArray();
        _aloneVoted = aloneVoted.ToArray();
        _aloneVotedBefore = new int[Chunks.Count(_alone.Length, ChunkSize)];
        for (int i = 0, k = 0; i < _alone.Length; i++)
        {
            if (i % ChunkSize == 0) _aloneVotedBefore[i / ChunkSize] = k;
            if (k < _aloneVoted.Length && _aloneVoted[k] == _alone[i]) k++;
        }

        // Questions: their unresolved answers grouped by question, and where each group starts.
        var keys = questionKeys.ToArray();
        Array.Sort(keys);
        _questionClaims = new int[keys.Length];
        var start = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            _questionClaims[i] = (int)(keys[i] & 0xFFFFFFFF);
            if (i == 0 || keys[i] >> 32 != keys[i - 1] >> 32) start.Add(i);
        }
        start.Add(keys.Length);
        _questionStart = start.ToArray();

        _candidate = new double[_aloneVoted.Length];
        _sum = new double[Chunks.Count(_aloneVoted.Length, ChunkSize)];
        _slope = new double[_sum.Length];
        _change = new double[Chunks.Count(_alone.Length, ChunkSize)];
        BaseLogOdds = Scorer.Logit((_knownTrue + 1) / (_knownCount + 2), clamp);
    }

    // New estimates from the log-odds of each source's reliability and interval; returns the largest change of an estimate.
    public double Estimate(SourceLogOdds odds)
    {
        Chunks.For(_aloneVoted.Length, ChunkSize, _options, (from, to) =>
        {
            for (var i = from; i < to; i++) Bounds(_aloneVoted[i], odds);
        });
        foreach (var c in _questionClaims) Bounds(c, odds);

        var x = SolveBaseLogOdds();
        BaseLogOdds = x;

        // The claims with votes take their estimates at that x from the root search's last pass; the others are at π.
        var pi = Scorer.Sigmoid(x);
        Chunks.For(_alone.Length, ChunkSize, _options, (from, to) =>
        {
            var change = 0.0;
            // _aloneVoted is _alone without the claims nobody voted on, in the same order: walk both together.
            var k = from == 0 ? 0 : _aloneVotedBefore[from / ChunkSize];
            for (var i = from; i < to; i++)
            {
                var c = _alone[i];
                var p = k < _aloneVoted.Length && _aloneVoted[k] == c ? _candidate[k++] : pi;
                change = Math.Max(change, Math.Abs(p - Probability[c]));
                Probability[c] = p;
            }
            _change[from / ChunkSize] = change;
        });
        var largest = 0.0;
        foreach (var change in _change) largest = Math.Max(largest, change);

        for (var q = 0; q + 1 < _questionStart.Length; q++)
        {
            // Softmax with "none of these" at log-odds 0, shifted by the largest term so no exponential overflows.
            int first = _questionStart[q], end = _questionStart[q + 1];
            var max = 0.0;
            for (var i = first; i < end; i++)
            {
                var c = _questionClaims[i];
                _questionLogOdds[c] = Pushes(c, x).LogOdds;
                max = Math.Max(max, _questionLogOdds[c]);
            }
            var denominator = Math.Exp(-max);
            for (var i = first; i < end; i++) denominator += Math.Exp(_questionLogOdds[_questionClaims[i]] - max);
            for (var i = first; i < end; i++)
            {
                var c = _questionClaims[i];
                var p = Math.Exp(_questionLogOdds[c] - max) / denominator;
                largest = Math.Max(largest, Math.Abs(p - Probability[c]));
                Probability[c] = p;
            }
        }
        return largest;
    }

    // The sum of the claim's pushes at x, and its slope in x.
    private (double LogOdds, double Slope) Pushes(int c, double x)
    {
        var units = _units;
        double l = 0, slope = 0;
        for (var u = units.UnitStart[c]; u < units.UnitStart[c + 1]; u++)
        {
            l += BoundedPush.Push(units.Affirms[u], units.Weight[u], x, _low[u], _high[u]);
            slope += BoundedPush.Slope(units.Affirms[u], units.Weight[u], x, _low[u], _high[u]);
        }
        return (l, slope);
    }

    // A unit of several origins is a copy group: whichever member the others copied, the group is trusted no more than
    // its least reliable member. (Not the mean: each added copy would pull the mean toward the copied source.) The
    // log-odds are monotone in the reliability, so the least log-odds are the least reliable member's; the top of the
    // interval is likewise the lowest of the members' (each member's is above its mean, so the least is above the least
    // mean).
    private void Bounds(int c, SourceLogOdds odds)
    {
        var units = _units;
        for (var u = units.UnitStart[c]; u < units.UnitStart[c + 1]; u++)
        {
            var origin = units.SoleOrigin[u];
            if (origin >= 0)
            {
                _low[u] = odds.Mean[origin];
                _high[u] = odds.Upper[origin];
                continue;
            }
            double low = double.PositiveInfinity, high = double.PositiveInfinity;
            for (var i = units.OriginStart[u]; i < units.OriginStart[u + 1]; i++)
            {
                low = Math.Min(low, odds.Mean[units.Origins[i]]);
                high = Math.Min(high, odds.Upper[units.Origins[i]]);
            }
            _low[u] = low;
            _high[u] = high;
        }
    }

    // The x = logit(π) inside [logit(clamp), logit(1 - clamp)] where
    //   h(x) = Σ known outcomes + 1 + Σ answers' estimates + Σ_alone σ(x + Σ push(x)) − (claims + 2) σ(x)
    // is zero, for the current reliabilities. h falls as x rises wherever claims hold more than one unit's weight of
    // votes, so the bracket is kept on that assumption; a root outside the clamp is taken at the clamp. It returns the
    // last x it evaluated h at (within 1e-9 of the root), so that the estimates that pass computed are the ones at x.
    private double SolveBaseLogOdds()
    {
        var fixedPart = _knownTrue + 1.0;
        foreach (var c in _questionClaims)
            fixedPart += Probability[c];
        double total = _knownCount + _aloneVoted.Length + _questionClaims.Length + 2;
        var low = Scorer.Logit(_clamp, _clamp);
        var high = -low;
        var x = Math.Clamp(BaseLogOdds, low, high);
        for (var step = 0; step < 200; step++)
        {
            var (h, slope) = Evaluate(x, fixedPart, total);
            if (h == 0) return x;
            if (h > 0) low = x; else high = x;
            var next = x - h / slope;
            if (slope < 0 && Math.Abs(next - x) <= 1e-9) return x;
            if (!(slope < 0) || !double.IsFinite(next) || next <= low || next >= high) next = 0.5 * (low + high);
            if (high - low <= 1e-9) return x;
            x = next;
        }
        return x;
    }

    private (double H, double Slope) Evaluate(double x, double fixedPart, double total)
    {
        Chunks.For(_aloneVoted.Length, ChunkSize, _options, (from, to) =>
        {
            double sum = 0, slope = 0;
            for (var i = from; i < to; i++)
            {
                var (pushes, pushSlope) = Pushes(_aloneVoted[i], x);
                var p = Scorer.Sigmoid(x + pushes);
                _candidate[i] = p;
                sum += p;
                slope += p * (1 - p) * (1 + pushSlope);
            }
            _sum[from / ChunkSize] = sum;
            _slope[from / ChunkSize] = slope;
        });
        var pi = Scorer.Sigmoid(x);
        double h = fixedPart - total * pi, dh = -total * pi * (1 - pi);
        for (var k = 0; k < _sum.Length; k++)
        {
            h += _sum[k];
            dh += _slope[k];
        }
        return (h, dh);
    }
}
