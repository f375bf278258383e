using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

// Replaces a term's editable fields. Language, scale and phrase are its identity and do not change: a
// different wording is another term (add it, and retire this one if it is wrong).
public static class UpdateLexiconTerm
{
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
