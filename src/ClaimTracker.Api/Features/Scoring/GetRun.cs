using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Scoring;

public static class GetRun
{
    public static void Map(IEndpointRouteBuilder runs) =>
        runs.MapGet("/{id:guid}", async Task<Results<Ok<RunResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(id), ct), "scoring run", id))
            .WithName("GetScoringRun")
            .RequireRole(Role.Reader)
            .WithSummary("Get a run: status, stage and progress (done/total), parameters, summary, duration and error")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid Id) : IQuery<RunResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db, ScoringQueue queue) : IQueryHandler<Query, RunResponse?>
    {
        public async ValueTask<RunResponse?> Handle(Query query, CancellationToken ct)
        {
            await queue.RecoverAsync(ct);
            return await db.ScoringRuns.AsNoTracking().Where(r => r.Id == query.Id).Select(RunResponse.FromRun).SingleOrDefaultAsync(ct);
        }
    }
}
