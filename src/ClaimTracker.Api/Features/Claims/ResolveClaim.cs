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
                Answers.OkOrNotFound(await sender.Send(new Command(id, body.Resolution, body.Reason, request.ExpectedVersion(body.Version), body.TrueUntil, body.SupersededBy), ct), "claim", id))
            .WithName("ResolveClaim")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIfMatch()
            .WithSummary("Resolve the claim as true, false, mixed, unresolvable or superseded")
            .WithDescription("A fact-checker's resolution overrides the evidence. Send the claim 'version' you read; a stale version gets 409. 'superseded' says the claim was true when made and stopped holding at 'trueUntil' (required), optionally naming the evidence that superseded it ('supersededBy', an evidence id of this claim): track records count what was said up to 'trueUntil' as right, and leave out what was said after it.")
            .WithRequestExample(SampleStory.Resolution)
            .ProducesWriteProblems();

    public sealed record Body(Resolution? Resolution, string Reason, int? Version, DateTimeOffset? TrueUntil = null, Guid? SupersededBy = null);

    public sealed record Command(
        Guid ClaimId, Resolution? Resolution, string Reason, int? Version, DateTimeOffset? TrueUntil = null, Guid? SupersededBy = null)
        : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Resolution).NotNull().WithMessage($"'resolution' is one of {SnakeCase.Names<Resolution>()}.");
            this.AddReasonRule(c => c.Reason);
            this.AddVersionRule(c => c.Version, "claim");
            RuleFor(c => c.TrueUntil).NotNull().When(c => c.Resolution == Resolution.Superseded)
                .WithMessage("A 'superseded' resolution says until when the claim held: 'trueUntil'.");
            RuleFor(c => c.TrueUntil).Null().When(c => c.Resolution != Resolution.Superseded)
                .WithMessage("'trueUntil' belongs to a 'superseded' resolution only.");
            RuleFor(c => c.TrueUntil).Must(Dates.IsPlausible).WithMessage(Dates.PlausibleRule);
            RuleFor(c => c.SupersededBy).Null().When(c => c.Resolution != Resolution.Superseded)
                .WithMessage("'supersededBy' belongs to a 'superseded' resolution only.");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Command command, CancellationToken ct)
        {
            var claim = await db.LoadForUpdateAsync(command.ClaimId, command.Version!.Value, ct);
            if (claim is null) return null;
            claim.Resolve(command.Resolution!.Value, command.Reason, clock.GetUtcNow(), command.TrueUntil, command.SupersededBy);
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
