using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Sources;

// The sources' route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class SourceRoutes
{
    public static void MapSources(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/sources").WithTags("Sources").ProducesCommonProblems();
        ListSources.Map(sources);
        GetSource.Map(sources);
        CreateSource.Map(sources);
        UpdateSource.Map(sources);
    }
}
