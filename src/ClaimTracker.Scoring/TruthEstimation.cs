namespace ClaimTracker.Scoring;

// The estimation step: every unresolved claim's probability from the reliabilities R of the sources on it, and the
// base rate π of true claims, solved together (docs/scoring.md, step 4).
//
// With x = logit(π) and, for a claim, S = Σ ± weight × logit(R) over its units and W = Σ weight, its log-odds are
//     alone:                  L = x + Σ (± weight × logit(R) − weight × x) = S + (1 − W) x
//     answer of a question:   L = S − W x  (its answers start level with "none of these"; softmax over the question)
// and π must be the share of true claims it implies: π = (Σ known outcomes + Σ estimates + 1) / (claims + 2), over the
// claims with a known outcome and the unresolved claims with at least one vote (Laplace's rule of succession; an
// unresolved claim nobody voted on is estimated at π itself, so leaving it out changes nothing). Every vote moves L by
// −weight × x, so updating π from the last estimates and the estimates from π would overshoot and swing between "all
// true" and "all false" on claims with many votes; instead π is the root of that equation for the current precisions,
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
    private readonly int _questionVoted;            // unresolved answers to questions with at least one unit
    private readonly double[] _weight, _evidence;   // per answer to a question: W and S
    // Per claim of _aloneVoted (by its position there, so that the root search reads them in order): 1 - W, S, and
    // its estimate at the last x tried.
    private readonly double[] _aloneRest, _aloneEvidence, _candidate;
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
        _weight = new double[claimCount];
        _evidence = new double[claimCount];
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
            for (var u = units.UnitStart[c]; u < units.UnitStart[c + 1]; u++) _weight[c] += units.Weight[u];
            if (_claimQuestions[c] >= 0)
            {
                questionKeys.Add(((long)_claimQuestions[c] << 32) | (uint)c);
                if (voted) _questionVoted++;
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

        _aloneRest = new double[_aloneVoted.Length];
        for (var i = 0; i < _aloneVoted.Length; i++) _aloneRest[i] = 1 - _weight[_aloneVoted[i]];
        _aloneEvidence = new double[_aloneVoted.Length];
        _candidate = new double[_aloneVoted.Length];
        _sum = new double[Chunks.Count(_aloneVoted.Length, ChunkSize)];
        _slope = new double[_sum.Length];
        _change = new double[Chunks.Count(_alone.Length, ChunkSize)];
        BaseLogOdds = Scorer.Logit((_knownTrue + 1) / (_knownCount + 2), clamp);
    }

    // New estimates from the log-odds of each source's reliability; returns the largest change of an estimate.
    public double Estimate(double[] reliabilityLogOdds)
    {
        Chunks.For(_aloneVoted.Length, ChunkSize, _options, (from, to) =>
        {
            for (var i = from; i < to; i++) _aloneEvidence[i] = Evidence(_aloneVoted[i], reliabilityLogOdds);
        });
        foreach (var c in _questionClaims) _evidence[c] = Evidence(c, reliabilityLogOdds);

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
            for (var i = first; i < end; i++) max = Math.Max(max, QuestionLogOdds(_questionClaims[i], x));
            var denominator = Math.Exp(-max);
            for (var i = first; i < end; i++) denominator += Math.Exp(QuestionLogOdds(_questionClaims[i], x) - max);
            for (var i = first; i < end; i++)
            {
                var c = _questionClaims[i];
                var p = Math.Exp(QuestionLogOdds(c, x) - max) / denominator;
                largest = Math.Max(largest, Math.Abs(p - Probability[c]));
                Probability[c] = p;
            }
        }
        return largest;
    }

    private double QuestionLogOdds(int c, double x) => _evidence[c] - _weight[c] * x;

    // S: the claim's units, each ± weight × logit(R).
    private double Evidence(int c, double[] reliabilityLogOdds)
    {
        var units = _units;
        var s = 0.0;
        for (var u = units.UnitStart[c]; u < units.UnitStart[c + 1]; u++)
        {
            var origin = units.SoleOrigin[u];
            s += units.SignedWeight[u] * (origin >= 0 ? reliabilityLogOdds[origin] : LeastInGroup(u, reliabilityLogOdds));
        }
        return s;
    }

    // A unit of several origins is a copy group: whichever member the others copied, the group is trusted no more than
    // its least reliable member. (Not the mean: each added copy would pull the mean toward the copied source.) The
    // log-odds are monotone in the reliability, so the least log-odds are the least reliable member's.
    private double LeastInGroup(int u, double[] reliabilityLogOdds)
    {
        var least = double.PositiveInfinity;
        for (var i = _units.OriginStart[u]; i < _units.OriginStart[u + 1]; i++) least = Math.Min(least, reliabilityLogOdds[_units.Origins[i]]);
        return least;
    }

    // The x = logit(π) inside [logit(clamp), logit(1 - clamp)] where
    //   h(x) = Σ known outcomes + 1 + Σ answers' estimates + Σ_alone σ(S + (1 − W) x) − (claims + 2) σ(x)
    // is zero, for the current reliabilities. h falls as x rises wherever claims hold more than one unit's weight of
    // votes, so the bracket is kept on that assumption; a root outside the clamp is taken at the clamp. It returns the
    // last x it evaluated h at (within 1e-9 of the root), so that the estimates that pass computed are the ones at x.
    private double SolveBaseLogOdds()
    {
        var fixedPart = _knownTrue + 1.0;
        foreach (var c in _questionClaims)
            if (_units.UnitStart[c + 1] > _units.UnitStart[c]) fixedPart += Probability[c];
        double total = _knownCount + _aloneVoted.Length + _questionVoted + 2;
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
                var p = Scorer.Sigmoid(_aloneEvidence[i] + _aloneRest[i] * x);
                _candidate[i] = p;
                sum += p;
                slope += p * (1 - p) * _aloneRest[i];
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
