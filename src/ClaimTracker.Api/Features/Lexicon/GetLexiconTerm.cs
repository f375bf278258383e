using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class GetLexiconTerm
{
    public sealed record Query(Guid Id) : IQuery<LexiconTermResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, LexiconTermResponse?>
    {
        public async ValueTask<LexiconTermResponse?> Handle(Query query, CancellationToken ct) =>
            await db.LexiconTerms.AsNoTracking().Where(t => t.Id == query.Id).Select(LexiconTermResponse.From).SingleOrDefaultAsync(ct);
    }
}
