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
internal sealed class StatedConfidence
{
    private const int Bins = 10;
    private readonly double[] _brierSum, _logSum;
    private readonly int[] _scored, _logged;
    private readonly double[] _binStated, _binObserved;
    private readonly int[] _binCount;
    // Per (source, term): stated sum, observed sum, count. Sparse: most sources use few terms.
    private readonly Dictionary<long, (double Stated, double Observed, int Count)> _terms = [];
    private readonly string[] _termNames;
    private readonly long _termCount;

    public StatedConfidence(ScoringInput input, double[] knownOutcome, double clamp)
    {
        var sources = input.SourceCount;
        _brierSum = new double[sources];
        _logSum = new double[sources];
        _scored = new int[sources];
        _logged = new int[sources];
        _binStated = new double[sources * (long)Bins];
        _binObserved = new double[sources * (long)Bins];
        _binCount = new int[sources * (long)Bins];
        _termNames = input.TermNames;
        _termCount = Math.Max(1, input.TermNames.Length);

        foreach (var vote in input.Votes)
        {
            var o = knownOutcome[vote.Claim];
            // A float holds about seven digits: 0.7f is 0.699999988, which would fall in the 0.6-0.7 bin. Rounding to
            // six decimals gives back the number the caller meant.
            var stated = Math.Round((double)vote.StatedConfidence, 6);
            if (double.IsNaN(o) || double.IsNaN(stated)) continue;
            var s = vote.Source;
            _brierSum[s] += (stated - o) * (stated - o);
            _scored[s]++;
            // The log score needs a yes-or-no outcome; a partly true claim has none, so it is left out (but kept in the
            // Brier score, where o = 0.5 is meaningful). The clamp keeps one "certain" wrong call from scoring -infinity.
            if (o != 0.5)
            {
                var p = Math.Clamp(stated, clamp, 1 - clamp);
                _logSum[s] += Math.Log(o == 1 ? p : 1 - p);
                _logged[s]++;
            }
            var bin = s * (long)Bins + Math.Min(Bins - 1, (int)(stated * Bins));
            _binStated[bin] += stated;
            _binObserved[bin] += o;
            _binCount[bin]++;
            for (var t = vote.TermStart; t < vote.TermStart + vote.TermCount; t++)
            {
                var key = s * _termCount + input.VoteTerms[t];
                var row = _terms.GetValueOrDefault(key);
                _terms[key] = (row.Stated + stated, row.Observed + o, row.Count + 1);
            }
        }
    }

    public int Scored(int source) => _scored[source];
    public double? Brier(int source) => _scored[source] == 0 ? null : _brierSum[source] / _scored[source];
    public double? LogScore(int source) => _logged[source] == 0 ? null : _logSum[source] / _logged[source];

    // Bins "0.0-0.1" .. "0.9-1.0" (1.0 falls in the last), then terms in ordinal order of their names; empty bins left out.
    public IReadOnlyList<CalibrationRow> Calibration(int source)
    {
        if (_scored[source] == 0) return [];
        var rows = new List<CalibrationRow>();
        for (var b = 0; b < Bins; b++)
        {
            var i = source * (long)Bins + b;
            if (_binCount[i] == 0) continue;
            var key = string.Create(CultureInfo.InvariantCulture, $"{b / 10.0:0.0}-{(b + 1) / 10.0:0.0}");
            rows.Add(new CalibrationRow("bin", key, _binStated[i] / _binCount[i], _binObserved[i] / _binCount[i], _binCount[i]));
        }
        var terms = new List<CalibrationRow>();
        for (var t = 0; t < _termNames.Length; t++)
            if (_terms.TryGetValue(source * _termCount + t, out var row))
                terms.Add(new CalibrationRow("term", _termNames[t], row.Stated / row.Count, row.Observed / row.Count, row.Count));
        terms.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        rows.AddRange(terms);
        return rows;
    }
}
