using ClaimTracker.Api.Features.Claims;

namespace ClaimTracker.Api.Features.ClaimReviews;

// ClaimTracker's resolutions on a 1 (false) to 5 (true) scale, the shape of the common five-point fact-check scales, so
// that a reader of the feed can order verdicts by truth. 2 and 4 ("mostly false", "mostly true") are never given:
// ClaimTracker resolves to true, mixed or false. Unresolvable and superseded have no place on a truth scale
// (a superseded claim was true when it was said, and is not now), so they are given in words only.
public static class ClaimReviewRatings
{
    public const int Worst = 1;
    public const int Best = 5;

    public static (int? Value, string Name) Of(ClaimStatus status) => status switch
    {
        ClaimStatus.True => (5, "True"),
        ClaimStatus.Mixed => (3, "Mixed"),
        ClaimStatus.False => (1, "False"),
        ClaimStatus.Unresolvable => (null, "Unresolvable"),
        ClaimStatus.Superseded => (null, "Superseded"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only a resolved claim has a verdict."),
    };

    public static ClaimReviewLd.Rating Rating(ClaimStatus status, string? explanation)
    {
        var (value, name) = Of(status);
        return value is null
            ? new ClaimReviewLd.Rating(null, null, null, name, explanation)
            : new ClaimReviewLd.Rating(value, Best, Worst, name, explanation);
    }
}
