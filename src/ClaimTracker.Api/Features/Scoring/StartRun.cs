using Mediator;
using Microsoft.EntityFrameworkCore;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Scoring;

// Queues a re-scoring run; the instance holding the scoring lock executes it (this one, unless another is busy).
public static class StartRun
{
    public sealed record Command : ICommand<RunResponse>;

    public sealed class Handler(RunCoordinator coordinator, ScoringWorker worker, ClaimTrackerDbContext db, AuditTrail trail) : ICommandHandler<Command, RunResponse>
    {
        public async ValueTask<RunResponse> Handle(Command command, CancellationToken ct)
        {
            var run = await coordinator.EnqueueAsync(RunTrigger.Manual, null, ct);
            trail.Add("scoring_runs", run!.Id, ChangeKind.Added); // queued on a connection of its own, so the audit would not see it
            worker.Wake();
            return await db.ScoringRuns.AsNoTracking().Where(r => r.Id == run!.Id).Select(RunResponse.FromRun).SingleAsync(ct);
        }
    }
}
