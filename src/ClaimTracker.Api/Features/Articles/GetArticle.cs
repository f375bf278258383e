using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Articles;

public static class GetArticle
{
    public static void Map(IEndpointRouteBuilder articles) =>
        articles.MapGet("/{id:guid}", async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(id), ct), "article", id))
            .WithName("GetArticle")
            .RequireRole(Role.Reader)
            .WithSummary("Get an article")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid Id) : IQuery<ArticleResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, ArticleResponse?>
    {
        public async ValueTask<ArticleResponse?> Handle(Query query, CancellationToken ct) =>
            await db.Articles.AsNoTracking().Where(a => a.Id == query.Id).Select(ArticleResponse.FromArticle).SingleOrDefaultAsync(ct);
    }
}
