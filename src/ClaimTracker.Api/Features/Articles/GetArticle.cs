using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Articles;

public static class GetArticle
{
    public sealed record Query(Guid Id) : IQuery<ArticleResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, ArticleResponse?>
    {
        public async ValueTask<ArticleResponse?> Handle(Query query, CancellationToken ct) =>
            await db.Articles.AsNoTracking().Where(a => a.Id == query.Id).Select(ArticleResponse.FromArticle).SingleOrDefaultAsync(ct);
    }
}
