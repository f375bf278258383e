using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Analysis;

// The claims a stored article's body seems to make. Writes nothing; accepting one is POST /claims with its 'claim'.
public static class ProposeClaims
{
    public static void Map(IEndpointRouteBuilder analysis) =>
        analysis.MapGet("/articles/{id:guid}/proposals", async Task<Results<Ok<ArticleProposals>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(id), ct), "article", id))
            .WithName("ProposeClaims")
            .RequireRole(Role.Reader)
            .WithSummary("Get the claims a stored article's body seems to make")
            .WithDescription("Writes nothing; 409 when the article was stored without a body.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public sealed record Query(Guid ArticleId) : IQuery<ArticleProposals?>;

    public sealed class Handler(ClaimTrackerDbContext db, ProposalBuilder proposals) : IQueryHandler<Query, ArticleProposals?>
    {
        public async ValueTask<ArticleProposals?> Handle(Query query, CancellationToken ct)
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Publisher).Include(a => a.SyndicatedFrom)
                .SingleOrDefaultAsync(a => a.Id == query.ArticleId, ct);
            if (article is null) return null;
            if (string.IsNullOrWhiteSpace(article.Body))
                throw new ConflictException("The article has no body text to read. Submit it with its body through POST /articles/proposals.");
            return await proposals.BuildAsync(article, article.Body, ct);
        }
    }
}
