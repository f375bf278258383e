using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Articles;

public static class ArticleEndpoints
{
    public static void MapArticles(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/articles").WithTags("Articles").ProducesCommonProblems().RequireRole(Role.Reader);

        articles.MapPost("/", async Task<Results<Created<ArticleResponse>, Ok<ArticleResponse>>> (CreateArticle.Command command, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(command, ct);
                return result.Created
                    ? TypedResults.Created($"/articles/{result.Article.Id}", result.Article)
                    : TypedResults.Ok(result.Article);
            })
            .WithName("CreateArticle")
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Editor)
            .WithSummary("Store an article, or get the one already stored at its URL")
            .WithDescription("Idempotent by canonical URL (lower-case host, no fragment, no utm_*/fbclid/gclid, no trailing slash): 201 when new, 200 with the stored article when the URL is known. Sources can be named by id, slug, or inline by name and kind.")
            .WithRequestExample(SampleStory.NdtvArticle)
            .ProducesWriteProblems();

        articles.MapGet("/{id:guid}", async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetArticle.Query(id), ct) is { } article ? TypedResults.Ok(article) : Problems.NotFound("article", id))
            .WithName("GetArticle")
            .WithSummary("Get an article")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
