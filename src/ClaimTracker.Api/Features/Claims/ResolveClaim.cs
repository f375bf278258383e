using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

// A fact-checker's verdict. It overrides whatever the evidence says until the claim is reopened.
public static class ResolveClaim
{
    public sealed record Body(Resolution? Resolution, string Reason, int? Version);

    public sealed record Command(Guid ClaimId, Resolution? Resolution, string Reason, int? Version) : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Resolution).NotNull().WithMessage($"'resolution' is one of {SnakeCase.Names<Resolution>()}.");
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
            claim.Resolve(command.Resolution!.Value, command.Reason, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
