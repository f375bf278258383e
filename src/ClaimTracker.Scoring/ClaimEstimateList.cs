using System.Collections;

namespace ClaimTracker.Scoring;

// ScoringResult.Claims: the estimates of the unresolved claims and their explanations, kept in flat arrays and read out
// as ClaimEstimate and Contribution records when they are read. A full re-score explains hundreds of thousands of
// claims with several contributions each; built eagerly, those million small records outlive a few garbage collections
// and are copied at each, which cost as much as the iterations. Read once (as a run writes them to the database) they
// die young instead. Each read builds new records, equal (as records are) to those of the last read.
//
// Explanations list a claim's units by the size of their push, strongest first (ties: lower source first, then the
// denial first), at most MaxExplanation. A unit's push is ± weight × logit(R') − weight × logit(π) (see
// TruthEstimation), R' the reliability it counted with (BoundedPush: R, the least of a copy group's, as the estimates
// were computed with, or a point of its interval nearer the vote's neutral point).
internal sealed class ClaimEstimateList : IReadOnlyList<ClaimEstimate>
{
    private readonly int[] _claims;
    private readonly double[] _probability, _priorLogOdds, _affirmWeight, _denyWeight;
    private readonly int[] _start;                        // per claim: its contributions are entries _start[i] .. _start[i + 1] - 1
    private readonly int[] _source, _votes;
    private readonly bool[] _affirms;
    private readonly double[] _weight, _reliability, _counted, _push;

    public ClaimEstimateList(int[] open, double[] probability, bool[] alone, double baseLogOdds, EvidenceUnits units, double[] reliability,
        SourceLogOdds odds, ScoringParameters p, ParallelOptions options)
    {
        _claims = open;
        var count = open.Length;
        _probability = new double[count];
        _priorLogOdds = new double[count];
        _affirmWeight = new double[count];
        _denyWeight = new double[count];
        _start = new int[count + 1];
        for (var i = 0; i < count; i++)
            _start[i + 1] = _start[i] + Math.Min(p.MaxExplanation, units.UnitStart[open[i] + 1] - units.UnitStart[open[i]]);
        var entries = _start[count];
        _source = new int[entries];
        _votes = new int[entries];
        _affirms = new bool[entries];
        _weight = new double[entries];
        _reliability = new double[entries];
        _counted = new double[entries];
        _push = new double[entries];

        Chunks.For(count, 4096, options, (from, to) =>
        {
            var scratch = new Scratch();
            for (var i = from; i < to; i++)
            {
                var claim = open[i];
                _probability[i] = probability[claim];
                _priorLogOdds[i] = alone[i] ? baseLogOdds : 0;
                int first = units.UnitStart[claim], n = units.UnitStart[claim + 1] - first;
                scratch.Ensure(n);
                for (var k = 0; k < n; k++)
                {
                    var u = first + k;
                    double r = 1, low = double.PositiveInfinity, high = double.PositiveInfinity;
                    for (var o = units.OriginStart[u]; o < units.OriginStart[u + 1]; o++)
                    {
                        var origin = units.Origins[o];
                        r = Math.Min(r, reliability[origin]);
                        low = Math.Min(low, odds.Mean[origin]);
                        high = Math.Min(high, odds.Upper[origin]);
                    }
                    scratch.Reliability[k] = r;
                    scratch.Counted[k] = Scorer.Sigmoid(BoundedPush.CountedLogOdds(units.Affirms[u], baseLogOdds, low, high));
                    scratch.Push[k] = BoundedPush.Push(units.Affirms[u], units.Weight[u], baseLogOdds, low, high);
                    scratch.Order[k] = k;
                    if (units.Affirms[u]) _affirmWeight[i] += units.Weight[u]; else _denyWeight[i] += units.Weight[u];
                }
                scratch.Sort(n, units, first);
                for (var j = 0; j < _start[i + 1] - _start[i]; j++)
                {
                    int k = scratch.Order[j], u = first + k, e = _start[i] + j;
                    _source[e] = units.Origins[units.OriginStart[u]];
                    _affirms[e] = units.Affirms[u];
                    _weight[e] = units.Weight[u];
                    _votes[e] = units.VoteCount[u];
                    _reliability[e] = scratch.Reliability[k];
                    _counted[e] = scratch.Counted[k];
                    _push[e] = scratch.Push[k];
                }
            }
        });
    }

    public int Count => _claims.Length;

    public ClaimEstimate this[int index] =>
        new(_claims[index], _probability[index], _affirmWeight[index], _denyWeight[index], new Explanation(this, index))
        {
            PriorLogOdds = _priorLogOdds[index],
        };

    public IEnumerator<ClaimEstimate> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // A record, so that two reads of one claim's estimate are equal records (their explanations compare by value).
    private sealed record Explanation(ClaimEstimateList Owner, int Index) : IReadOnlyList<Contribution>
    {
        public int Count => Owner._start[Index + 1] - Owner._start[Index];

        public Contribution this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                var e = Owner._start[Index] + index;
                return new Contribution(Owner._source[e], Owner._affirms[e], Owner._weight[e], Owner._reliability[e], Owner._push[e], Owner._votes[e] > 1)
                {
                    Votes = Owner._votes[e],
                    CountedReliability = Owner._counted[e],
                };
            }
        }

        public IEnumerator<Contribution> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    // Per thread: one claim's pushes and reliabilities, and their order.
    private sealed class Scratch
    {
        public double[] Push = new double[16], Reliability = new double[16], Counted = new double[16];
        public int[] Order = new int[16];

        public void Ensure(int count)
        {
            if (count <= Order.Length) return;
            var size = Math.Max(count, 2 * Order.Length);
            Push = new double[size];
            Reliability = new double[size];
            Counted = new double[size];
            Order = new int[size];
        }

        // A claim has a handful of units: insertion sort, Array.Sort for many.
        public void Sort(int count, EvidenceUnits units, int first)
        {
            if (count > 32)
            {
                Array.Sort(Order, 0, count, Comparer<int>.Create((x, y) => Before(y, x, units, first) ? 1 : Before(x, y, units, first) ? -1 : 0));
                return;
            }
            for (var i = 1; i < count; i++)
            {
                var item = Order[i];
                var j = i - 1;
                while (j >= 0 && Before(item, Order[j], units, first))
                {
                    Order[j + 1] = Order[j];
                    j--;
                }
                Order[j + 1] = item;
            }
        }

        private bool Before(int x, int y, EvidenceUnits units, int first)
        {
            double px = Math.Abs(Push[x]), py = Math.Abs(Push[y]);
            if (px != py) return px > py;
            int sx = units.Origins[units.OriginStart[first + x]], sy = units.Origins[units.OriginStart[first + y]];
            if (sx != sy) return sx < sy;
            return !units.Affirms[first + x] && units.Affirms[first + y];
        }
    }
}
