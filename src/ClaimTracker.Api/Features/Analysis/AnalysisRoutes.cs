using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Analysis;

// The analysis route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class AnalysisRoutes
{
    public static void MapAnalysis(this IEndpointRouteBuilder app)
    {
        var analysis = app.MapGroup("").WithTags("Analysis").ProducesCommonProblems();
        AnalyseText.Map(analysis);
        AnalyseBatch.Map(analysis);
        SubmitArticle.Map(analysis);
        ProposeClaims.Map(analysis);
    }
}
