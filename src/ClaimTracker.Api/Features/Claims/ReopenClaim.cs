using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;

namespace ClaimTracker.Api.Features.Claims;

// Undoes a resolution: the status follows the evidence again, and new evidence is accepted.
public static class ReopenClaim
{
    public sealed record Body(string Reason, int? Version);

    public sealed record Command(Guid ClaimId, string Reason, int? Version) : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            this.AddReasonRule(c => c.Reason);
            this.AddVersionRule(c => c.Version, "claim");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Command command, CancellationToken ct)
        {
            var claim = await db.LoadForUpdateAsync(command.ClaimId, command.Version!.Value, ct);
            if (claim is null) return null;
            claim.Reopen(command.Reason, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
