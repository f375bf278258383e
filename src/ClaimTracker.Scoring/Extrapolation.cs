namespace ClaimTracker.Scoring;

// Speeds up the alternation of estimates and reliabilities (Scorer, step 4), which, like every EM, converges linearly
// and can crawl: on sparse worlds where most sources give a handful of votes (as on the public truth-discovery
// benchmarks) it took 60 to 100 iterations to settle within Tolerance, and runs stopped at MaxIterations = 50 unconverged.
//
// SQUAREM (Varadhan & Roland, "Simple and globally convergent methods for accelerating the convergence of any EM
// algorithm", Scandinavian Journal of Statistics 35, 2008), scheme S3, on the sources' credit (right, wrong): from a
// state θ0 take two ordinary steps θ1 = F(θ0), θ2 = F(θ1); with r = θ1 − θ0, v = θ2 − 2θ1 + θ0 and the step length
// α = −|r| / |v| (never above −1, where the jump is θ2 itself, nor beyond the step allowed), jump to
//     θ' = θ0 − 2α r + α² v
// and continue with an ordinary step from there. Credit cannot be negative, so a jump is held at zero. Three steps
// per cycle, each counted as an iteration. The fixed points are those of the plain iteration: a run only stops as
// converged on an ordinary step (one whose input was not a jump) that moved no estimate more than Tolerance.
// Without a likelihood to watch (Varadhan and Roland fall back when it drops), a jump is judged by the step after it:
// one that leaves the credit less settled than the last ordinary step is undone, and the run goes on without jumps.
//
// The sums |r| and |v| run over sources in index order on one thread, so the jump, like everything else, is the same
// on any number of threads.
internal sealed class Extrapolation
{
    private const double LargestStep = 256;
    private readonly double[] _right0, _wrong0, _right1, _wrong1, _right2, _wrong2, _rightJump, _wrongJump;
    private int _phase;
    private bool _judge;                // the step just taken started from a jump: judge it
    private double _maxStep = 4, _plainResidual;

    public Extrapolation(double[] right, double[] wrong)
    {
        _right0 = (double[])right.Clone();
        _wrong0 = (double[])wrong.Clone();
        _right1 = new double[right.Length];
        _wrong1 = new double[right.Length];
        _right2 = new double[right.Length];
        _wrong2 = new double[right.Length];
        _rightJump = new double[right.Length];
        _wrongJump = new double[right.Length];
    }

    // Whether the state the next step starts from is a jump (so that step cannot show convergence).
    public bool Jumped { get; private set; }

    // Called after each ordinary step with its result; may replace it with a jump.
    public void After(double[] right, double[] wrong)
    {
        var n = right.Length;
        if (_judge)
        {
            _judge = false;
            // Judge the jump by the step after it: if that step moved the credit more than the last ordinary step did,
            // the jump overshot (the bounded pushes are piecewise, and a long jump can cross a kink into a region where
            // the iteration cycles). Then go back to where the ordinary steps had got (θ2) and jump no more: the plain
            // iteration converges, if slowly.
            double residual = 0;
            for (var s = 0; s < n; s++) residual += Square(right[s] - _rightJump[s]) + Square(wrong[s] - _wrongJump[s]);
            if (residual > _plainResidual)
            {
                Array.Copy(_right2, right, n);
                Array.Copy(_wrong2, wrong, n);
                _maxStep = 1;
                // The next step starts from θ2, not from the last step's result: it cannot show convergence either.
                Jumped = true;
                return;
            }
        }
        Jumped = false;
        switch (_phase)
        {
            case 0:
                Array.Copy(right, _right0, n);
                Array.Copy(wrong, _wrong0, n);
                _phase = 1;
                return;
            case 1:
                Array.Copy(right, _right1, n);
                Array.Copy(wrong, _wrong1, n);
                _phase = 2;
                return;
        }
        _phase = 0;
        double rr = 0, vv = 0, last = 0;
        for (var s = 0; s < n; s++)
        {
            rr += Square(_right1[s] - _right0[s]) + Square(_wrong1[s] - _wrong0[s]);
            vv += Square(right[s] - 2 * _right1[s] + _right0[s]) + Square(wrong[s] - 2 * _wrong1[s] + _wrong0[s]);
            last += Square(right[s] - _right1[s]) + Square(wrong[s] - _wrong1[s]);
        }
        if (vv == 0 || rr == 0 || _maxStep <= 1) return;
        var alpha = Math.Clamp(-Math.Sqrt(rr / vv), -_maxStep, -1);
        if (alpha == -1) return;
        // A jump as long as allowed that works earns a longer allowance (Varadhan and Roland's step.max, times 4).
        if (alpha == -_maxStep) _maxStep = Math.Min(LargestStep, 4 * _maxStep);
        Array.Copy(right, _right2, n);
        Array.Copy(wrong, _wrong2, n);
        for (var s = 0; s < n; s++)
        {
            double r1 = _right1[s] - _right0[s], r2 = _wrong1[s] - _wrong0[s];
            double v1 = right[s] - 2 * _right1[s] + _right0[s], v2 = wrong[s] - 2 * _wrong1[s] + _wrong0[s];
            right[s] = _rightJump[s] = Math.Max(0, _right0[s] - 2 * alpha * r1 + alpha * alpha * v1);
            wrong[s] = _wrongJump[s] = Math.Max(0, _wrong0[s] - 2 * alpha * r2 + alpha * alpha * v2);
        }
        _plainResidual = last;
        Jumped = _judge = true;
    }

    private static double Square(double x) => x * x;
}
