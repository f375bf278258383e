namespace ClaimTracker.Scoring;

// The Beta distribution's CDF (the regularized incomplete beta function) and its inverse, for credible intervals of
// reliabilities. Written out here rather than taken from a numerics package because the scorer needs only these two
// functions and must stay dependency-free.
public static class BetaDistribution
{
    // I_x(a, b) = P(X <= x) for X ~ Beta(a, b), by the continued fraction of Numerical Recipes (3rd ed., 6.4), evaluated
    // with the modified Lentz method. The fraction converges fast for x < (a+1)/(a+b+2); above that the symmetry
    // I_x(a, b) = 1 - I_{1-x}(b, a) moves x to the side where it does.
    public static double Cdf(double x, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), "x is NaN.");
        return Cdf(x, a, b, LogBeta(a, b));
    }

    // The same with ln B(a, b) given, which Quantile computes once rather than at every step.
    private static double Cdf(double x, double a, double b, double logBeta)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(a * Math.Log(x) + b * Math.Log(1 - x) - logBeta);
        var value = x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
        return Math.Clamp(value, 0, 1);
    }

    // The x with Cdf(x, a, b) = p. Newton's method on the CDF (its derivative is the density) from StartingPoint, kept
    // inside a bracket that shrinks every step and falling back to bisection whenever Newton would leave it: Newton alone
    // overshoots for U-shaped densities such as Beta(0.5, 0.5), bisection alone is slow. Accurate to about 15
    // significant digits.
    public static double Quantile(double p, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), "p is NaN.");
        if (p <= 0) return 0;
        if (p >= 1) return 1;

        var logBeta = LogBeta(a, b);
        double low = 0, high = 1;
        var x = Math.Clamp(StartingPoint(p, a, b), 1e-300, 1 - 1e-16);
        // Widths and steps are relative to the nearer end of [0, 1]: the 2.5% quantile of Beta(0.09, 10000) is about
        // 1e-50, and the 97.5% quantile of Beta(2000, 0.1) is within 1e-11 of 1.
        for (var i = 0; i < 5000; i++)
        {
            var f = Cdf(x, a, b, logBeta) - p;
            if (f == 0) return x;
            if (f < 0) low = x; else high = x;
            if (high - low <= 1e-15 * Math.Min(high, 1 - low)) break;

            var density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logBeta);
            var next = x - f / density;
            // Converged: checked before the bracket, since x is now one of its ends and a step too small to move off
            // it would otherwise be taken for leaving it (and bisection would start over from the far end).
            if (double.IsFinite(next) && Math.Abs(next - x) <= 1e-15 * Math.Min(x, 1 - x)) return next > low && next < high ? next : x;
            if (!double.IsFinite(next) || next <= low || next >= high)
            {
                next = 0.5 * (low + high);
                if (next <= low || next >= high) break;
            }
            x = next;
        }
        return x;
    }

    // Where Newton's method starts: for a, b >= 1 the approximation of Abramowitz & Stegun 26.5.22 (from the normal
    // quantile, itself by 26.2.22), within a few parts in a thousand for the shapes reliabilities have, so that a few
    // Newton steps finish; for a or b < 1 the quantile of the density's leading power near whichever end holds p.
    private static double StartingPoint(double p, double a, double b)
    {
        if (a >= 1 && b >= 1)
        {
            var tail = p < 0.5 ? p : 1 - p;
            var t = Math.Sqrt(-2 * Math.Log(tail));
            var y = t - (2.30753 + 0.27061 * t) / (1 + t * (0.99229 + 0.04481 * t));
            if (p >= 0.5) y = -y;
            var lambda = (y * y - 3) / 6;
            var h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
            var w = y * Math.Sqrt(h + lambda) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h));
            var x = a / (a + b * Math.Exp(2 * w));
            return double.IsFinite(x) && x > 0 && x < 1 ? x : a / (a + b);
        }
        double lowEnd = Math.Exp(a * Math.Log(a / (a + b))) / a, highEnd = Math.Exp(b * Math.Log(b / (a + b))) / b;
        var total = lowEnd + highEnd;
        return p < lowEnd / total ? Math.Pow(a * total * p, 1 / a) : 1 - Math.Pow(b * total * (1 - p), 1 / b);
    }

    // The 95% credible interval: the 2.5% and 97.5% quantiles.
    internal static (double Lower, double Upper) Interval95(double a, double b) => (Quantile(0.025, a, b), Quantile(0.975, a, b));

    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    // ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, nine coefficients), good to about 15 digits; the
    // reflection formula covers x < 0.5.
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++) sum += LanczosCoefficients[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    // The fraction needs O(sqrt(max(a, b))) terms (Numerical Recipes); the cap leaves a wide margin and only guards
    // against a loop that never ends on pathological input.
    private static double ContinuedFraction(double x, double a, double b)
    {
        const double epsilon = 1e-16, tiny = 1e-300;
        var maxTerms = 1000 + (int)(20 * Math.Sqrt(Math.Max(a, b)));
        double qab = a + b, qap = a + 1, qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= maxTerms; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < epsilon) break;
        }
        return h;
    }
}
