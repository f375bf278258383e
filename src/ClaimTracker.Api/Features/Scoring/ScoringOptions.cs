using Cronos;

namespace ClaimTracker.Api.Features.Scoring;

// Configuration section ClaimTracker:Scoring. Every parameter is echoed in each run's record.
public sealed class ScoringOptions
{
    public const string Section = "ClaimTracker:Scoring";

    // Cron expression (5 fields, or 6 with seconds) for scheduled runs, in UTC; empty: no schedule.
    public string? Schedule { get; set; }

    // How often an instance looks for queued runs (a run started on another instance, or one it missed).
    public double PollSeconds { get; set; } = 2;

    // Claim estimates are kept for this many latest runs; source scores are kept for every run (their history).
    public int KeepClaimEstimatesForRuns { get; set; } = 10;

    // For fault drills only: a pause after each stage of a run, so that a run can be killed half-way.
    public int StageDelayMs { get; set; }

    public double? PriorAlpha { get; set; }
    public double? PriorBeta { get; set; }
    public double PriorStrength { get; set; } = 2;
    public double HalfLifeDays { get; set; } = 730;
    public double OriginWeight { get; set; } = 1.0;
    public double RelayWeight { get; set; } = 0.5;
    public double PublisherWeight { get; set; } = 0.25;
    public int MaxIterations { get; set; } = 50;
    public double Tolerance { get; set; } = 1e-4;
    public int MinimumSampleForBand { get; set; } = 3;
    // Threads the scorer may use; empty: every core. Results are the same whatever the number.
    public int? MaxDegreeOfParallelism { get; set; }
    // How many sources' pushes each claim's explanation keeps, the strongest first.
    public int MaxExplanation { get; set; } = 5;

    public CronExpression? ParsedSchedule() =>
        string.IsNullOrWhiteSpace(Schedule) ? null
        : CronExpression.Parse(Schedule.Trim(), Schedule.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6
            ? CronFormat.IncludeSeconds : CronFormat.Standard);

    public RunParameters Parameters(DateTimeOffset asOf) => new()
    {
        PriorAlpha = PriorAlpha,
        PriorBeta = PriorBeta,
        PriorStrength = PriorStrength,
        HalfLifeDays = HalfLifeDays,
        OriginWeight = OriginWeight,
        RelayWeight = RelayWeight,
        PublisherWeight = PublisherWeight,
        MaxIterations = MaxIterations,
        Tolerance = Tolerance,
        MinimumSampleForBand = MinimumSampleForBand,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        MaxExplanation = MaxExplanation,
        AsOf = asOf,
    };
}
