using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Claims;

// A fact-checker's verdict. It overrides whatever the evidence says until the claim is reopened.
public static class ResolveClaim
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/{id:guid}/resolution", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Command(id, body.Resolution, body.Reason, request.ExpectedVersion(body.Version)), ct), "claim", id))
            .WithName("ResolveClaim")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIfMatch()
            .WithSummary("Resolve the claim as true, false, mixed or unresolvable")
            .WithDescription("A fact-checker's resolution overrides the evidence. Send the claim 'version' you read; a stale version gets 409.")
            .WithRequestExample(SampleStory.Resolution)
            .ProducesWriteProblems();

    public sealed record Body(Resolution? Resolution, string Reason, int? Version);

    public sealed record Command(Guid ClaimId, Resolution? Resolution, string Reason, int? Version) : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Resolution).NotNull().WithMessage($"'resolution' is one of {SnakeCase.Names<Resolution>()}.");
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
            claim.Resolve(command.Resolution!.Value, command.Reason, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
