namespace ClaimTracker.Api.Features.Scoring;

// The run a read answers from.
public sealed record RunLink(Guid Id, DateTimeOffset? FinishedAt);
