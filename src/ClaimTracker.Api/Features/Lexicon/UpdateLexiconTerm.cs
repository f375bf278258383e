using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

// Replaces a term's editable fields. Language, scale and phrase are its identity and do not change: a
// different wording is another term (add it, and retire this one if it is wrong).
public static class UpdateLexiconTerm
{
    public static void Map(IEndpointRouteBuilder lexicon) =>
        lexicon.MapPut("/terms/{id:guid}", async Task<Results<Ok<LexiconTermResponse>, ProblemHttpResult>> (Guid id, Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Command(id, body with { Version = request.ExpectedVersion(body.Version) }), ct), "lexicon term", id))
            .WithName("UpdateLexiconTerm")
            .RequireRole(Role.Admin)
            .WithETag()
            .AcceptsIfMatch()
            .WithSummary("Change a lexicon term (administrative)")
            .WithDescription($"Replaces every editable field: probability, low, high, polarity, category, variants, note, inflect, lowercaseOnly (leaving an optional one out clears it). Language, scale and phrase cannot change: add a new term and retire this one instead. Send the 'version' you read; a stale version gets 409, a retired term 409. {LexiconVersion.ChangeNote} A body that changes nothing creates no version.")
            .WithRequestExample(new Body(0.6, 0.55, 0.85, CuePolarity.Positive, CueCategory.Evidential, 1,
                ["appear", "appeared", "appearing", "apparently"], "The reporter saw signs, not proof."))
            .ProducesWriteProblems();

    public sealed record Body(
        double? Probability,
        double? Low,
        double? High,
        CuePolarity? Polarity,
        CueCategory? Category,
        int? Version,
        IReadOnlyList<string>? Variants = null,
        string? Note = null,
        bool? Inflect = null,
        bool? LowercaseOnly = null);

    public sealed record Command(Guid Id, Body Body) : ICommand<LexiconTermResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body).NotNull().SetValidator(new BodyValidator()).OverridePropertyName("");
        }
    }

    public sealed class BodyValidator : AbstractValidator<Body>
    {
        public BodyValidator()
        {
            this.AddVersionRule(b => b.Version, "lexicon term");
            Include(new LexiconTermFieldsValidator<Body>(
                b => b.Probability, b => b.Low, b => b.High, b => b.Polarity, b => b.Category, b => b.Variants, b => b.Note));
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, LexiconTermResponse?>
    {
        public async ValueTask<LexiconTermResponse?> Handle(Command command, CancellationToken ct)
        {
            var version = await db.LockAndAllocateAsync(ct);
            var term = await db.LexiconTerms.FirstOrDefaultAsync(t => t.Id == command.Id, ct);
            if (term is null) return null;
            Versions.Expect(term.Version, command.Body.Version!.Value, "lexicon term");

            var before = term.State();
            var body = command.Body;
            var changes = term.Change(new LexiconTermFields(
                body.Probability!.Value, body.Low!.Value, body.High!.Value, body.Polarity!.Value, body.Category!.Value, body.Variants,
                body.Note, body.Inflect ?? false, body.LowercaseOnly ?? false), version);
            if (changes.Count > 0)
            {
                db.LexiconVersions.Add(LexiconVersion.Record(version, $"Changed {term.Describe()}: {string.Join("; ", changes)}",
                    [LexiconChange.Changed(term, before)], clock.GetUtcNow()));
                await db.SaveChangesAsync(ct);
            }
            return await db.ReadTermAsync(term.Id, ct);
        }
    }
}
