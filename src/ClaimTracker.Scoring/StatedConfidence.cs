using System.Globalization;

namespace ClaimTracker.Scoring;

// How well each source's words matched what happened, as Good Judgment and Metaculus score forecasters: the Brier score
// and the logarithmic score of its stated confidences, and a reliability diagram (stated against observed, per
// probability bin and per hedge term). Only claims with a known outcome count, including claims that are false because
// another answer to their question was confirmed.
//
// A vote's StatedConfidence is the probability its words gave the claim being true, whichever side it took ("not
// expected" reads as a low probability). This is kept apart from the Beta reliability on purpose (ICD 203: likelihood
// is not confidence in the source): a source that said "appears" (0.7) and was wrong scores (0.7 - 0)^2 = 0.49, one that
// asserted certainty (0.99) scores 0.98, yet both lose the same reliability for the wrong call.
//
// Computed source by source (each from its own votes, in input order, so in parallel with the same sums as one thread),
// from the votes that count: those on claims with a known outcome that state a confidence, gathered per source once.
internal sealed class StatedConfidence
{
    private const int Bins = 10;
    private static readonly string[] BinKeys = Enumerable.Range(0, Bins)
        .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b / 10.0:0.0}-{(b + 1) / 10.0:0.0}")).ToArray();
    private readonly ScoringInput _input;
    private readonly double[] _known;
    private readonly double _clamp;
    private readonly int[] _start, _votes;
    // Term indexes in ordinal order of their names (ties by index): the order of the term rows.
    private readonly int[] _termRank;

    public StatedConfidence(ScoringInput input, VoteColumns columns, double[] knownOutcome, double clamp)
    {
        _input = input;
        _known = knownOutcome;
        _clamp = clamp;
        _termRank = TermRanks(input.TermNames);
        var votes = input.Votes;
        _start = new int[input.SourceCount + 1];
        for (var v = 0; v < votes.Length; v++)
            if (Counts(columns, v)) _start[columns.Source[v] + 1]++;
        for (var s = 0; s < input.SourceCount; s++) _start[s + 1] += _start[s];
        _votes = new int[_start[input.SourceCount]];
        var next = _start[..^1];
        for (var v = 0; v < votes.Length; v++)
            if (Counts(columns, v)) _votes[next[columns.Source[v]]++] = v;
    }

    private bool Counts(VoteColumns columns, int v) => !double.IsNaN(columns.Known[v]) && !float.IsNaN(_input.Votes[v].StatedConfidence);

    public readonly record struct Scores(double? Brier, double? LogScore, int Scored, IReadOnlyList<CalibrationRow> Calibration);

    // Per thread: sums per term, and which terms were touched.
    public sealed class Scratch(int terms)
    {
        public readonly double[] Stated = new double[terms];
        public readonly double[] Observed = new double[terms];
        public readonly int[] Count = new int[terms];
        public readonly List<int> Touched = [];
        public readonly double[] BinStated = new double[Bins];
        public readonly double[] BinObserved = new double[Bins];
        public readonly int[] BinCount = new int[Bins];
    }

    public Scratch NewScratch() => new(_input.TermNames.Length);

    public Scores Score(int source, Scratch scratch)
    {
        var input = _input;
        double brierSum = 0, logSum = 0;
        int scored = 0, logged = 0;
        for (var i = _start[source]; i < _start[source + 1]; i++)
        {
            var vote = input.Votes[_votes[i]];
            var o = _known[vote.Claim];
            // A float holds about seven digits: 0.7f is 0.699999988, which would fall in the 0.6-0.7 bin. Rounding to
            // six decimals gives back the number the caller meant.
            var stated = Math.Round((double)vote.StatedConfidence, 6);
            brierSum += (stated - o) * (stated - o);
            scored++;
            // The log score needs a yes-or-no outcome; a partly true claim has none, so it is left out (but kept in the
            // Brier score, where o = 0.5 is meaningful). The clamp keeps one "certain" wrong call from scoring -infinity.
            if (o != 0.5)
            {
                var p = Math.Clamp(stated, _clamp, 1 - _clamp);
                logSum += Math.Log(o == 1 ? p : 1 - p);
                logged++;
            }
            var bin = Math.Min(Bins - 1, (int)(stated * Bins));
            scratch.BinStated[bin] += stated;
            scratch.BinObserved[bin] += o;
            scratch.BinCount[bin]++;
            for (var t = vote.TermStart; t < vote.TermStart + vote.TermCount; t++)
            {
                var term = input.VoteTerms[t];
                if (scratch.Count[term]++ == 0) scratch.Touched.Add(term);
                scratch.Stated[term] += stated;
                scratch.Observed[term] += o;
            }
        }
        if (scored == 0) return new Scores(null, null, 0, []);

        // Bins "0.0-0.1" .. "0.9-1.0" (1.0 falls in the last), then terms in ordinal order of their names; empty bins
        // left out.
        var rows = new List<CalibrationRow>();
        for (var b = 0; b < Bins; b++)
        {
            if (scratch.BinCount[b] > 0)
                rows.Add(new CalibrationRow("bin", BinKeys[b], scratch.BinStated[b] / scratch.BinCount[b], scratch.BinObserved[b] / scratch.BinCount[b], scratch.BinCount[b]));
            scratch.BinStated[b] = scratch.BinObserved[b] = 0;
            scratch.BinCount[b] = 0;
        }
        if (scratch.Touched.Count > 1) scratch.Touched.Sort((x, y) => _termRank[x].CompareTo(_termRank[y]));
        foreach (var t in scratch.Touched)
        {
            rows.Add(new CalibrationRow("term", input.TermNames[t], scratch.Stated[t] / scratch.Count[t], scratch.Observed[t] / scratch.Count[t], scratch.Count[t]));
            scratch.Stated[t] = scratch.Observed[t] = 0;
            scratch.Count[t] = 0;
        }
        scratch.Touched.Clear();
        return new Scores(brierSum / scored, logged == 0 ? null : logSum / logged, scored, rows);
    }

    private static int[] TermRanks(string[] names)
    {
        var order = Enumerable.Range(0, names.Length).ToArray();
        Array.Sort(order, (x, y) =>
        {
            var byName = string.CompareOrdinal(names[x], names[y]);
            return byName != 0 ? byName : x.CompareTo(y);
        });
        var rank = new int[names.Length];
        for (var k = 0; k < order.Length; k++) rank[order[k]] = k;
        return rank;
    }
}
