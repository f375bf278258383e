using CsCheck;

namespace ClaimTracker.Scoring.Tests;

// Reference values: Beta(2, 3) has CDF 6x^2 - 8x^3 + 3x^4; Beta(0.5, 0.5) has CDF (2/pi) asin(sqrt x) and quantile
// sin^2(pi q / 2); for integer a and b, I_x(a, b) = P(Binomial(a + b - 1, x) >= a) (computed exactly by a binomial sum,
// then the quantiles by bisection on it to 1e-16).
public class BetaDistributionTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.4)]
    [InlineData(0.75)]
    [InlineData(0.99)]
    public void Cdf_Beta2And3_MatchesItsPolynomial(double x) =>
        Assert.Equal(6 * x * x - 8 * x * x * x + 3 * x * x * x * x, BetaDistribution.Cdf(x, 2, 3), 1e-13);

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Cdf_BetaHalfAndHalf_MatchesTheArcsineLaw(double x) =>
        Assert.Equal(2 / Math.PI * Math.Asin(Math.Sqrt(x)), BetaDistribution.Cdf(x, 0.5, 0.5), 1e-12);

    [Fact]
    public void Cdf_Beta50And10_MatchesTheBinomialSum() =>
        Assert.Equal(0.2315795295789173, BetaDistribution.Cdf(0.8, 50, 10), 1e-12);

    [Theory]
    [InlineData(2, 3, 0.025, 0.06758598648854294)]
    [InlineData(2, 3, 0.975, 0.8058795503167564)]
    [InlineData(0.5, 0.5, 0.025, 0.001541333133436012)]
    [InlineData(0.5, 0.5, 0.975, 0.9984586668665639)]
    [InlineData(50, 10, 0.025, 0.7300804081876353)]
    [InlineData(50, 10, 0.975, 0.915609848924609)]
    [InlineData(1, 1, 0.3, 0.3)]
    public void Quantile_KnownDistributions_GiveTheirKnownQuantiles(double a, double b, double p, double expected) =>
        Assert.Equal(expected, BetaDistribution.Quantile(p, a, b), 1e-10);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void Quantile_AtTheEnds_IsTheSupportsEnd(double p, double expected) =>
        Assert.Equal(expected, BetaDistribution.Quantile(p, 3, 4));

    [Fact]
    public void Cdf_OutsideTheSupport_IsZeroOrOne()
    {
        Assert.Equal(0, BetaDistribution.Cdf(-0.5, 2, 3));
        Assert.Equal(1, BetaDistribution.Cdf(1.5, 2, 3));
    }

    [Fact]
    public void LogGamma_KnownValues()
    {
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI)), BetaDistribution.LogGamma(0.5), 1e-13);
        Assert.Equal(Math.Log(362_880), BetaDistribution.LogGamma(10), 1e-12);
        Assert.Equal(0, BetaDistribution.LogGamma(1), 1e-14);
        Assert.Equal(0.5 * Math.Log(2 * Math.PI) + 999.5 * Math.Log(1000) - 1000 + 1.0 / 12_000, BetaDistribution.LogGamma(1000), 1e-9);
    }

    // Within 1e-8 in probability, or, where the CDF is so steep that one step between neighbouring doubles moves it more
    // than that (Beta(2000, 0.13) near 1), on the right pair of neighbours.
    [Fact]
    public void Quantile_InvertsTheCdf_ForShapesFromTinyToHuge() =>
        Gen.Select(Gen.Double[0.05, 20_000], Gen.Double[0.05, 20_000], Gen.Double[0.001, 0.999]).Sample((a, b, p) =>
        {
            var x = BetaDistribution.Quantile(p, a, b);
            return x is >= 0 and <= 1 && (Math.Abs(BetaDistribution.Cdf(x, a, b) - p) < 1e-8
                || (BetaDistribution.Cdf(Math.BitDecrement(x), a, b) <= p + 1e-12 && p <= BetaDistribution.Cdf(Math.BitIncrement(x), a, b) + 1e-12));
        }, iter: 5000);

    [Fact]
    public void Quantile_VeryCloseToOne_IsFoundToTheLastDouble()
    {
        var (a, b, p) = (1930.024506030321, 0.13, 0.8762680311721808);

        var x = BetaDistribution.Quantile(p, a, b);

        Assert.True(BetaDistribution.Cdf(Math.BitDecrement(x), a, b) <= p && p <= BetaDistribution.Cdf(Math.BitIncrement(x), a, b));
    }

    [Fact]
    public void Cdf_IsMonotone() =>
        Gen.Select(Gen.Double[0.05, 500], Gen.Double[0.05, 500], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((a, b, x, y) =>
            BetaDistribution.Cdf(Math.Min(x, y), a, b) <= BetaDistribution.Cdf(Math.Max(x, y), a, b) + 1e-15, iter: 2000);
}
