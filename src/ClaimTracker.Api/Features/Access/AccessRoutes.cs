using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Access;

// The access route table (keys and the audit log): one line per use case; each use case's file holds its route,
// role and OpenAPI text.
public static class AccessRoutes
{
    public static void MapAccess(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/keys").WithTags("Access").ProducesCommonProblems();
        CreateApiKey.Map(keys);
        ListApiKeys.Map(keys);
        RevokeApiKey.Map(keys);

        var audit = app.MapGroup("").WithTags("Access").ProducesCommonProblems();
        ListAudit.Map(audit);
    }
}
