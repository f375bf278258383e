using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class AddLexiconTerm
{
    public static void Map(IEndpointRouteBuilder lexicon) =>
        lexicon.MapPost("/terms", async (Command command, ISender sender, CancellationToken ct) =>
            {
                var term = await sender.Send(command, ct);
                return TypedResults.Created($"/lexicon/terms/{term.Id}", term);
            })
            .WithName("AddLexiconTerm")
            .RequireRole(Role.Admin)
            .WithETag()
            .AcceptsIdempotencyKey()
            .WithSummary("Add a term to the lexicon (administrative)")
            .WithDescription($"Language (default en), scale and phrase are the term's identity; an active term with the same three gets 409. 'inflect' makes a verb phrase match its -s, -ed and -ing forms; 'lowercaseOnly' skips it when capitalised inside a sentence or before a number ('May 5'). {LexiconVersion.ChangeNote}")
            .WithRequestExample(new Command("hint", "claimtracker", 0.6, 0.45, 0.75, CuePolarity.Positive, CueCategory.Evidential,
                "en", Note: "'reportedly hinted at physical fatigue' (NDTV/AFP, 11 Sep 2023): a signal, not a statement.", Inflect: true))
            .ProducesWriteProblems();

    public sealed record Command(
        string Phrase,
        string Scale,
        double? Probability,
        double? Low,
        double? High,
        CuePolarity? Polarity,
        CueCategory? Category,
        string? Language = null,
        IReadOnlyList<string>? Variants = null,
        string? Note = null,
        bool? Inflect = null,
        bool? LowercaseOnly = null) : ICommand<LexiconTermResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Phrase).NotEmpty().MaximumLength(LexiconTerm.MaxPhraseLength);
            RuleFor(c => c.Phrase).Must(p => p.Any(char.IsLetter)).When(c => !string.IsNullOrWhiteSpace(c.Phrase))
                .WithMessage("'phrase' is a word or words, with at least one letter.");
            RuleFor(c => c.Scale).NotEmpty().Must(LexiconTerm.IsValidScale).WithMessage($"'scale' is {LexiconTerm.ScaleRule}.");
            RuleFor(c => c.Language).Must(LanguageTags.IsValid).When(c => c.Language is not null)
                .WithMessage($"'language' is {LanguageTags.Rule}.");
            Include(new LexiconTermFieldsValidator<Command>(
                c => c.Probability, c => c.Low, c => c.High, c => c.Polarity, c => c.Category, c => c.Variants, c => c.Note));
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, LexiconTermResponse>
    {
        public async ValueTask<LexiconTermResponse> Handle(Command command, CancellationToken ct)
        {
            var version = await db.LockAndAllocateAsync(ct);
            var term = LexiconTerm.Add(command.Language ?? LanguageTags.Default, command.Scale, command.Phrase, command.ToFields(), version);
            // Lexicon writers hold the version lock, so this check cannot race; the partial unique index is the backstop.
            if (await db.LexiconTerms.AnyAsync(t => t.Language == term.Language && t.Scale == term.Scale && t.Phrase == term.Phrase
                    && t.RetiredInVersion == null, ct))
                throw new ConflictException($"The lexicon already has an active term {term.Describe()}; change it with PUT /lexicon/terms/{{id}}.");

            db.LexiconTerms.Add(term);
            db.LexiconVersions.Add(LexiconVersion.Record(version, $"Added {term.Describe()}", [LexiconChange.Added(term)], clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return await db.ReadTermAsync(term.Id, ct);
        }
    }

    private static LexiconTermFields ToFields(this Command c) => new(
        c.Probability!.Value, c.Low!.Value, c.High!.Value, c.Polarity!.Value, c.Category!.Value, c.Variants, c.Note,
        c.Inflect ?? false, c.LowercaseOnly ?? false);
}
