using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Scoring;

// The scoring route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class ScoringRoutes
{
    public static void MapScoring(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/scoring/runs").WithTags("Scoring").ProducesCommonProblems();
        StartScoringRun.Map(runs);
        ListRuns.Map(runs);
        GetRun.Map(runs);
        ExportRunEstimates.Map(runs);

        var sources = app.MapGroup("/sources").WithTags("Scoring").ProducesCommonProblems();
        GetSourceReliability.Map(sources);
        GetReliabilityHistory.Map(sources);

        var claims = app.MapGroup("/claims").WithTags("Scoring").ProducesCommonProblems();
        GetClaimTruth.Map(claims);
    }
}
