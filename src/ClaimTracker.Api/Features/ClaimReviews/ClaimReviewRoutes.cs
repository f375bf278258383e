using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.ClaimReviews;

// The ClaimReview exchange's route table: one line per use case.
public static class ClaimReviewRoutes
{
    public static void MapClaimReviews(this IEndpointRouteBuilder app)
    {
        var claimReviews = app.MapGroup("/claimreviews").WithTags("ClaimReviews").ProducesCommonProblems();
        ExportClaimReviews.Map(claimReviews);
        ImportClaimReviews.Map(claimReviews);
        GetCrosswalk.Map(claimReviews);
        PutCrosswalkEntry.Map(claimReviews);
        DeleteCrosswalkEntry.Map(claimReviews);
    }
}
