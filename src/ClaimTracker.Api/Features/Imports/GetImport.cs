using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Imports;

public static class GetImport
{
    public sealed record Query(Guid Id) : IQuery<ImportResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, ImportResponse?>
    {
        public async ValueTask<ImportResponse?> Handle(Query query, CancellationToken ct) =>
            await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Id, ct) is { } import ? ImportResponse.From(import) : null;
    }
}
