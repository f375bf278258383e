using System.Linq.Expressions;
using ClaimTracker.Scoring;

namespace ClaimTracker.Api.Features.Scoring;

public sealed record RunResponse(
    Guid Id, RunTrigger Trigger, DateTimeOffset? ScheduledFor, RunStatus Status, string Stage, long Done, long Total,
    ScoringParameters Parameters, DateTimeOffset AsOf, RunSummary? Summary, string? Error, string Host, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? DurationMs)
{
    public static readonly Expression<Func<ScoringRun, RunResponse>> FromRun = r => new RunResponse(
        r.Id, r.Trigger, r.ScheduledFor, r.Status, r.Stage, r.Done, r.Total, r.Parameters, r.AsOf, r.Summary, r.Error, r.Host,
        r.RequestedAt, r.StartedAt, r.FinishedAt, r.DurationMs);
}
