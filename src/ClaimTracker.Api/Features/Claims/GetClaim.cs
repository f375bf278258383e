using ClaimTracker.Api.Infrastructure;
using Mediator;

namespace ClaimTracker.Api.Features.Claims;

public static class GetClaim
{
    public sealed record Query(Guid Id) : IQuery<ClaimResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Query query, CancellationToken ct) => await db.ReadClaimAsync(query.Id, ct);
    }
}
