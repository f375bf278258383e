using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Features.Claims;

public static class GetClaim
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapGet("/{id:guid}", async Task<Results<Ok<ClaimResponse>, JsonHttpResult<object>, RedirectHttpResult, ProblemHttpResult>> (
                Guid id, HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                // The answer depends on Accept (JSON or JSON-LD), so caches must key on it.
                response.Headers.Vary = "Accept";
                var claim = await sender.Send(new Query(id), ct);
                if (claim is null) return Problems.NotFound("claim", id);
                if (claim.MergedIntoId is { } target) return MergeClaim.Redirect($"/claims/{target}");
                if (!ExportClaimReview.WantsJsonLd(request)) return TypedResults.Ok(claim);
                var document = await sender.Send(new ExportClaimReview.Query(id, ExportClaimReview.ApiBaseUrl(request)), ct);
                return document is null
                    ? Problems.NotFound("claim", id)
                    : TypedResults.Json<object>(document, ClaimReviewLd.Json, ClaimReviewLd.MediaType);
            })
            .WithName("GetClaim")
            .RequireRole(Role.Reader)
            .WithETag()
            .WithSummary("Get a claim with its reports, evidence and status history")
            .WithDescription($"""
                JSON by default. With Accept: {ClaimReviewLd.MediaType}, a resolved claim is answered as a schema.org ClaimReview (its verdict on a 1 (false) to 5 (true) scale, see the README's "ClaimReview export"), and a claim not yet resolved as a schema.org Claim without a review. Either way the ETag is the claim's version. A claim merged into another answers 308 with the other's address in Location.
                """)
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
            {
                // Beside the JSON answer: Produces() would replace it (one type per status code).
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                    content[ClaimReviewLd.MediaType] = new OpenApiMediaType
                    {
                        Schema = await context.GetOrCreateSchemaAsync(typeof(ClaimReviewLd.Review), null, ct),
                    };
            })
            .Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid Id) : IQuery<ClaimResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Query query, CancellationToken ct) => await db.ReadClaimAsync(query.Id, ct);
    }
}
