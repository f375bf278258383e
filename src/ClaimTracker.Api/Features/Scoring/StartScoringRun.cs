using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Scoring;

// Queues a re-scoring run; the instance holding the scoring lock executes it (this one, unless another is busy).
public static class StartScoringRun
{
    public static void Map(IEndpointRouteBuilder runs) =>
        runs.MapPost("", async (ISender sender, CancellationToken ct) =>
            {
                var run = await sender.Send(new Command(), ct);
                return TypedResults.Accepted($"/scoring/runs/{run.Id}", run);
            })
            .WithName("StartScoringRun")
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Admin)
            .WithSummary("Start a re-scoring run")
            .WithDescription("Queues a run and answers 202 at once; follow its progress at the Location. One run executes at a time across every instance on the database; a run queued meanwhile waits its turn. The run's results replace the current ones only when it succeeds.");

    public sealed record Command : ICommand<RunResponse>;

    public sealed class Handler(ScoringQueue queue, ClaimTrackerDbContext db, AuditTrail trail) : ICommandHandler<Command, RunResponse>
    {
        public async ValueTask<RunResponse> Handle(Command command, CancellationToken ct)
        {
            var run = await queue.EnqueueAsync(RunTrigger.Manual, null, ct);
            trail.Add("scoring_runs", run!.Id, ChangeKind.Added); // queued on a connection of its own, so the audit would not see it
            return await db.ScoringRuns.AsNoTracking().Where(r => r.Id == run!.Id).Select(RunResponse.FromRun).SingleAsync(ct);
        }
    }
}
