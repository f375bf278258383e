using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Scoring;

public static class GetRun
{
    public sealed record Query(Guid Id) : IQuery<RunResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db, RunCoordinator coordinator) : IQueryHandler<Query, RunResponse?>
    {
        public async ValueTask<RunResponse?> Handle(Query query, CancellationToken ct)
        {
            await coordinator.RecoverAsync(ct);
            return await db.ScoringRuns.AsNoTracking().Where(r => r.Id == query.Id).Select(RunResponse.FromRun).SingleOrDefaultAsync(ct);
        }
    }
}
