using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Claims;

// Undoes a resolution: the status follows the evidence again, and new evidence is accepted.
public static class ReopenClaim
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/{id:guid}/reopen", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Command(id, body.Reason, request.ExpectedVersion(body.Version)), ct), "claim", id))
            .WithName("ReopenClaim")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIfMatch()
            .WithSummary("Withdraw a resolution so the status follows the evidence again")
            .WithRequestExample(new Body("New reporting questions the verdict.", 4))
            .ProducesWriteProblems();

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
            claim.Reopen(command.Reason, await db.InterestedOriginsAsync(claim.Parties.Select(p => p.SourceId), ct), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
