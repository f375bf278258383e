using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(2000).WithMessage("Say why, in at most 2000 characters: the history keeps it.");
            RuleFor(c => c.Version).NotNull().WithMessage("'version' is the claim version you read; it guards against lost updates.");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Command command, CancellationToken ct)
        {
            var claim = await db.Claims.Include(c => c.Evidence).SingleOrDefaultAsync(c => c.Id == command.ClaimId, ct);
            if (claim is null) return null;
            Versions.Expect(claim.Version, command.Version!.Value, "claim");
            claim.Reopen(command.Reason, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
