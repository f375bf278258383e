using ClaimTracker.Scoring;
using Cronos;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Scoring;

// Configuration section ClaimTracker:Scoring: the host's settings, and the scoring parameters beside them under the
// same flat keys (ClaimTracker:Scoring:HalfLifeDays), each echoed in every run's record.
public sealed class ScoringOptions
{
    public const string Section = "ClaimTracker:Scoring";

    // Cron expression (5 fields, or 6 with seconds) for scheduled runs, in UTC; empty: no schedule.
    public string? Schedule { get; set; }

    // How often an instance looks for queued runs (a run started on another instance, or one it missed).
    public double PollSeconds { get; set; } = 2;

    // Claim estimates are kept for this many latest runs; source scores are kept for every run (their history).
    public int KeepClaimEstimatesForRuns { get; set; } = 10;

    // Connections a run writes its results on at once (binary COPY each): the database indexes them on as many backends.
    public int WriteConnections { get; set; } = 2;

    // For fault drills only: a pause after each stage of a run, so that a run can be killed half-way.
    public int StageDelayMs { get; set; }

    public ScoringParameters Parameters { get; set; } = new();

    public CronExpression? ParsedSchedule() =>
        string.IsNullOrWhiteSpace(Schedule) ? null
        : CronExpression.Parse(Schedule.Trim(), Schedule.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6
            ? CronFormat.IncludeSeconds : CronFormat.Standard);

    // The parameters from the section's flat keys. An empty value is the library's default, as an unset one is (a
    // deployment can blank a setting without removing it).
    public static ScoringParameters BindParameters(IConfiguration configuration)
    {
        var set = configuration.GetSection(Section).GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => KeyValuePair.Create(c.Key, c.Value));
        try
        {
            return new ConfigurationBuilder().AddInMemoryCollection(set).Build().Get<ScoringParameters>() ?? new ScoringParameters();
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(Section, typeof(ScoringOptions), [$"{Section}: {e.Message}"]);
        }
    }

    // Refuses to start on a bad schedule or bad parameters, naming each.
    public sealed class Validation : IValidateOptions<ScoringOptions>
    {
        public ValidateOptionsResult Validate(string? name, ScoringOptions options)
        {
            var errors = ScoringValidation.ParameterErrors(options.Parameters).Select(e => $"{Section}: {e}").ToList();
            try
            {
                options.ParsedSchedule();
            }
            catch (CronFormatException)
            {
                errors.Insert(0, $"{Section}:Schedule is not a cron expression (5 fields, or 6 with seconds).");
            }
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
