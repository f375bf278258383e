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
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(a * Math.Log(x) + b * Math.Log(1 - x) - LogBeta(a, b));
        var value = x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
        return Math.Clamp(value, 0, 1);
    }

    // The x with Cdf(x, a, b) = p. Newton's method on the CDF (its derivative is the density), kept inside a bracket
    // that shrinks every step and falling back to bisection whenever Newton would leave it: Newton alone overshoots
    // for U-shaped densities such as Beta(0.5, 0.5), bisection alone is slow. Accurate to about 15 significant digits.
    public static double Quantile(double p, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), "p is NaN.");
        if (p <= 0) return 0;
        if (p >= 1) return 1;

        var logBeta = LogBeta(a, b);
        double low = 0, high = 1;
        var x = Math.Clamp(a / (a + b), 1e-12, 1 - 1e-12);
        // Widths and steps are relative to the nearer end of [0, 1]: the 2.5% quantile of Beta(0.09, 10000) is about
        // 1e-50, and the 97.5% quantile of Beta(2000, 0.1) is within 1e-11 of 1.
        for (var i = 0; i < 5000; i++)
        {
            var f = Cdf(x, a, b) - p;
            if (f == 0) return x;
            if (f < 0) low = x; else high = x;
            if (high - low <= 1e-15 * Math.Min(high, 1 - low)) break;

            var density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logBeta);
            var next = x - f / density;
            if (!double.IsFinite(next) || next <= low || next >= high)
            {
                next = 0.5 * (low + high);
                if (next <= low || next >= high) break;
            }
            if (Math.Abs(next - x) <= 1e-15 * Math.Min(next, 1 - next)) return next;
            x = next;
        }
        return x;
    }

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
