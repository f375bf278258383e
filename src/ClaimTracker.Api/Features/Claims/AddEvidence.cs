using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Claims;

public static class AddEvidence
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/{id:guid}/evidence", async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> (Guid id, Body evidence, ISender sender, CancellationToken ct) =>
                Answers.CreatedOrNotFound(await sender.Send(new Command(id, evidence), ct), $"/claims/{id}", "claim", id))
            .WithName("AddEvidence")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIdempotencyKey()
            .WithSummary("Record later reporting that confirms, contradicts, partly confirms or only mentions the claim")
            .WithDescription("Only conclusive evidence that takes a side moves the status. 'mentions' reports the claim without settling it: it appears in the claim's evidence, never moves the status and never reaches scoring; its 'conclusive' defaults to false and true is refused (400). Confirms alone gives confirmed, contradicts alone contradicted, partly_confirms alone or with confirms partly_confirmed; contradicts with either of the others gives disputed. A resolved claim refuses new evidence (409) until reopened. Evidence dated before the claim's first report is kept, flagged (`beforeFirstReport`) and named in the claim's `warnings`.")
            .WithRequestExample(SampleStory.C5Confirmed)
            .ProducesWriteProblems();

    public sealed record Body(
        ArticleRef Article,
        Stance? Stance,
        bool? Conclusive,
        string? Quote = null,
        string? Note = null,
        IReadOnlyList<ChainLinkInput>? Chain = null,
        DateTimeOffset? ObservedAt = null);

    public sealed record Command(Guid ClaimId, Body Evidence) : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Evidence).NotNull().SetValidator(new BodyValidator()).OverridePropertyName("");
    }

    public sealed class BodyValidator : AbstractValidator<Body>
    {
        public BodyValidator()
        {
            RuleFor(e => e.Article).NotNull().SetValidator(new ArticleRef.Validator());
            RuleFor(e => e.Stance).NotNull().WithMessage($"'stance' is one of {SnakeCase.Names<Stance>()}.");
            RuleFor(e => e.Conclusive).NotNull().When(e => e.Stance != Claims.Stance.Mentions)
                .WithMessage("'conclusive' says whether this evidence settles the question (true) or only leans (false).");
            RuleFor(e => e.Conclusive).Must(c => c != true).When(e => e.Stance == Claims.Stance.Mentions)
                .WithMessage("Evidence that only mentions the claim cannot settle it: leave 'conclusive' out or send false.");
            RuleFor(e => e.Quote).MaximumLength(Report.MaxQuoteLength);
            RuleFor(e => e.Note).MaximumLength(Evidence.MaxNoteLength);
            this.AddChainRules(e => e.Chain, "chain");
            RuleFor(e => e.ObservedAt).Must(Dates.IsPlausible).WithMessage(Dates.PlausibleRule);
        }
    }

    // The claim row is locked first, so concurrent evidence on one claim lands one after the other, none lost.
    public sealed class Handler(ClaimTrackerDbContext db, ArticleResolver articles, SourceResolver sources, TimeProvider clock)
        : ICommandHandler<Command, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Command command, CancellationToken ct)
        {
            var claim = await db.LockClaimAsync(command.ClaimId, ct);
            if (claim is null) return null;

            var body = command.Evidence;
            var article = await articles.ResolveAsync(body.Article, "article", ct);
            var chain = Chains.Complete(await sources.ResolveChainAsync(body.Chain, "chain", ct), article, "chain");
            var now = clock.GetUtcNow();
            var interested = await db.InterestedOriginsAsync(claim.Parties.Select(p => p.SourceId), ct);
            claim.AddEvidence(new Evidence(article.Id, body.Stance!.Value, body.Quote, body.Note, chain,
                article.TimeOr(body.ObservedAt, "observedAt"), body.Conclusive ?? false, now), interested, now);
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
