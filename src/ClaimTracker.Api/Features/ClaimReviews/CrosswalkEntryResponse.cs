using ClaimTracker.ClaimReviews;

namespace ClaimTracker.Api.Features.ClaimReviews;

public sealed record CrosswalkEntryResponse(
    Guid Id, string Label, VerdictOutcome Outcome, string? Language, string? Publisher, DateTimeOffset UpdatedAt)
{
    public static CrosswalkEntryResponse From(RatingCrosswalkEntry e) => new(e.Id, e.Label, e.Outcome, e.Language, e.Publisher, e.UpdatedAt);
}
