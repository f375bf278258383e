using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Claims;

// The claims' route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class ClaimRoutes
{
    public static void MapClaims(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/claims").WithTags("Claims").ProducesCommonProblems();
        ListClaims.Map(claims);
        SearchClaims.Map(claims);
        RecordClaim.Map(claims);
        GetClaim.Map(claims);
        AddReport.Map(claims);
        AddEvidence.Map(claims);
        ResolveClaim.Map(claims);
        ReopenClaim.Map(claims);
        SetClaimParties.Map(claims);
        FindSimilarClaims.Map(claims);
        GetSimilarClaims.Map(claims);
        MergeClaim.Map(claims);
    }
}
