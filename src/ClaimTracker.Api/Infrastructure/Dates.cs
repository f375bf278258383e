namespace ClaimTracker.Api.Infrastructure;

public static class Dates
{
    // News older than the printing press or more than a day ahead of the clock is a typo, not a report.
    public static readonly DateTimeOffset Earliest = new(1450, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);
    public const string PlausibleRule = "Dates must lie between 1450 and one day from now, with a time zone offset (e.g. 2023-09-11T08:00:00Z).";

    public static bool IsPlausible(DateTimeOffset? value) =>
        value is null || (value >= Earliest && value <= DateTimeOffset.UtcNow + FutureTolerance);
}
