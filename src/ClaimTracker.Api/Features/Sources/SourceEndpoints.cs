using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Sources;

public static class SourceEndpoints
{
    public static void MapSources(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/sources").WithTags("Sources").ProducesCommonProblems().RequireRole(Role.Reader);

        sources.MapGet("/", async ([AsParameters] ListSourcesParameters p, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListSources.Query(p.Kind, p.Name, p.Sort, p.Page, p.PageSize), ct)))
            .WithName("ListSources")
            .WithSummary("List sources with their track records")
            .WithDescription("Filter by kind and by part of the name or slug; sort by name or accuracy (prefix '-' for descending).");

        sources.MapGet("/{idOrSlug}", async Task<Results<Ok<GetSource.Response>, ProblemHttpResult>> (string idOrSlug, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetSource.Query(idOrSlug), ct) is { } source ? TypedResults.Ok(source) : Problems.NotFound("source", idOrSlug))
            .WithName("GetSource")
            .WithETag()
            .WithSummary("Get a source with its track record and the claims it carried")
            .WithDescription($"By id or slug (e.g. 'yonhap'). Lists the {GetSource.ClaimLimit} most recent claims; GET /claims?source= pages through all of them.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        sources.MapPost("/", async (CreateSource.Command command, ISender sender, CancellationToken ct) =>
            {
                var source = await sender.Send(command, ct);
                return TypedResults.Created($"/sources/{source.Slug}", source);
            })
            .WithName("CreateSource")
            .WithETag()
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Admin)
            .WithSummary("Create a source")
            .WithDescription($"The slug is derived from the name (and scope) unless given. An anonymous source ('an unidentified official') needs 'scope': the slug of the outlet that relayed it. 'aliases' (at most {Source.MaxAliases}) are other names the source goes by in the news, such as 'Washington' for the US government; they are trimmed and kept once whatever their case.")
            .WithRequestExample(new CreateSource.Command("Unidentified official", SourceKind.Anonymous, Scope: "yonhap"))
            .ProducesWriteProblems();

        // Named as in GET: OpenAPI reads /sources/{id} and /sources/{idOrSlug} as one path declared twice and refuses the document.
        sources.MapPut("/{idOrSlug:guid}", async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> ([FromRoute(Name = "idOrSlug")] Guid id, UpdateSource.Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                await sender.Send(new UpdateSource.Command(id, body.Name, body.Kind, request.ExpectedVersion(body.Version), body.Homepage, body.Country, body.Aliases), ct) is { } source
                    ? TypedResults.Ok(source) : Problems.NotFound("source", id))
            .WithName("UpdateSource")
            .WithETag()
            .AcceptsIfMatch()
            .RequireRole(Role.Admin)
            .WithSummary("Update a source's name, kind, homepage, country and aliases")
            .WithDescription("By id. Send the 'version' you read; a stale version gets 409. Slug and scope do not change. Homepage, country and aliases are replaced: leaving one out clears it.")
            .WithRequestExample(new UpdateSource.Body("Yonhap News Agency", SourceKind.WireAgency, 1, "https://en.yna.co.kr", "KR", ["Yonhap", "Yonhap news agency"]))
            .ProducesWriteProblems();
    }

    public sealed record ListSourcesParameters(
        [property: FromQuery(Name = "kind")] string? Kind,
        [property: FromQuery(Name = "name")] string? Name,
        [property: FromQuery(Name = "sort")] string? Sort,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize);
}
