using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Imports;

// The imports' route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class ImportRoutes
{
    public static void MapImports(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/imports").WithTags("Imports").ProducesCommonProblems();
        ImportAssertions.Map(imports);
        GetImport.Map(imports);
        ListImports.Map(imports);
    }
}
