using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Claims;

// Replaces the parties a claim is about; which evidence is interested, and so the status, may change with them.
public static class SetClaimParties
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPut("/{id:guid}/parties", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Command(id, body.Parties, request.ExpectedVersion(body.Version)), ct), "claim", id))
            .WithName("SetClaimParties")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIfMatch()
            .WithSummary("Name the parties the claim is about")
            .WithDescription("Replaces the claim's parties (sources by id, slug or inline; an empty list clears them). Evidence whose origin is a party, or a member of one through memberOf, is interested: shown as such, weighed less in truth estimates, and never by itself enough to make the claim disputed. An unresolved claim's status is worked out again. Send the claim 'version' you read; a stale version gets 409.")
            .WithRequestExample(new Body([new SourceRef(Slug: "north-korea"), new SourceRef(Slug: "kremlin")], 1))
            .ProducesWriteProblems();

    public sealed record Body(IReadOnlyList<SourceRef>? Parties, int? Version);

    public sealed record Command(Guid ClaimId, IReadOnlyList<SourceRef>? Parties, int? Version) : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Parties).NotNull().Must(p => p is null || p.Count <= ClaimParty.MaxPerClaim)
                .WithMessage($"'parties' lists at most {ClaimParty.MaxPerClaim} sources; an empty list clears them.");
            RuleForEach(c => c.Parties).NotNull().SetValidator(new SourceRef.Validator());
            this.AddVersionRule(c => c.Version, "claim");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, SourceResolver sources, TimeProvider clock) : ICommandHandler<Command, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Command command, CancellationToken ct)
        {
            var claim = await db.LoadForUpdateAsync(command.ClaimId, command.Version!.Value, ct);
            if (claim is null) return null;
            var parties = (await sources.ResolvePartiesAsync(command.Parties, ct)).Select(p => p.Id).ToList();
            claim.NameParties(parties, await db.InterestedOriginsAsync(parties, ct), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
