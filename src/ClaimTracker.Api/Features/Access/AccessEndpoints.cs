using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Access;

public static class AccessEndpoints
{
    public static void MapAccess(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/keys").WithTags("Access").ProducesCommonProblems().RequireRole(Role.Admin);

        keys.MapPost("/", async (CreateApiKey.Command command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command, ct);
                return TypedResults.Created($"/keys/{created.ApiKey.Id}", created);
            })
            .WithName("CreateApiKey")
            .WithSummary("Create an API key (administrative)")
            .WithDescription($"Roles: reader (reads), editor (also records claims, reports, evidence, resolutions, articles and imports), admin (also sources, the lexicon, keys, re-scoring and the audit log). The answer's 'key' is the only time the key is shown: send it as the {ApiKeyAuthentication.Header} header. 'replace': true revokes the other active keys of the same name.")
            .WithRequestExample(new CreateApiKey.Command("Newsroom ingest script", Role.Editor))
            .ProducesWriteProblems();

        keys.MapGet("/", async ([FromQuery(Name = "includeRevoked")] bool? includeRevoked, [FromQuery(Name = "page")] int? page,
                [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListApiKeys.Query(includeRevoked, page, pageSize), ct)))
            .WithName("ListApiKeys")
            .WithSummary("List API keys, newest first (administrative)")
            .WithDescription("Names, roles, who created and revoked each key and when; never the keys themselves. Revoked keys only with includeRevoked=true.");

        keys.MapPost("/{id:guid}/revoke", async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new RevokeApiKey.Command(id), ct) is { } key ? TypedResults.Ok(key) : Problems.NotFound("API key", id))
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key (administrative)")
            .WithDescription("Refused from the next request on; revoking twice gets 409.")
            .ProducesWriteProblems();
    }
}
