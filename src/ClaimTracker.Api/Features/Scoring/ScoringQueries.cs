using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Scoring;

public static class ScoringQueries
{
    // The run whose results answer a read: the current one, or with asOf the last run that had succeeded by then.
    public static async Task<RunLink?> RunAsOfAsync(this ClaimTrackerDbContext db, string? asOf, CancellationToken ct)
    {
        if (!Dates.TryParse(asOf, out var at))
        {
            // One round trip: the state's current run joined to the run.
            return await db.ScoringState.AsNoTracking()
                .Join(db.ScoringRuns.AsNoTracking(), s => s.CurrentRunId, r => (Guid?)r.Id, (s, r) => new RunLink(r.Id, r.FinishedAt))
                .SingleOrDefaultAsync(ct);
        }
        var utc = at.ToUniversalTime(); // Npgsql writes a timestamptz only from a UTC offset
        return await db.ScoringRuns.AsNoTracking()
            .Where(r => r.Status == RunStatus.Succeeded && r.FinishedAt <= utc)
            .OrderByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id)
            .Select(r => new RunLink(r.Id, r.FinishedAt)).FirstOrDefaultAsync(ct);
    }

    public static void AddAsOfRule<T>(this AbstractValidator<T> validator, Func<T, string?> asOf) =>
        validator.RuleFor(x => asOf(x)).Must(a => a is null || Dates.TryParse(a, out _)).OverridePropertyName("asOf")
            .WithMessage($"'asOf' is a time: {Dates.FormatRule}");

    public static MissingReferenceException NoRun(string? asOf) => new("asOf", asOf is null
        ? "No scoring run has finished yet. Start one with POST /scoring/runs."
        : $"No scoring run had finished by {asOf}.");
}
