using System.Linq.Expressions;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public sealed record LexiconTermResponse(
    Guid Id, string Phrase, IReadOnlyList<string> Variants, double Probability, double Low, double High,
    CuePolarity Polarity, CueCategory Category, string Scale, string Language, string? Note, bool Inflect, bool LowercaseOnly,
    int Version, int CreatedInVersion, int UpdatedInVersion, int? RetiredInVersion) : IVersioned
{
    public static readonly Expression<Func<LexiconTerm, LexiconTermResponse>> From = t => new LexiconTermResponse(
        t.Id, t.Phrase, t.Variants, t.Probability, t.Low, t.High, t.Polarity, t.Category, t.Scale, t.Language, t.Note,
        t.Inflect, t.LowercaseOnly, t.Version, t.CreatedInVersion, t.UpdatedInVersion, t.RetiredInVersion);
}

public static class LexiconTermQueries
{
    public static Task<LexiconTermResponse> ReadTermAsync(this ClaimTrackerDbContext db, Guid id, CancellationToken ct) =>
        db.LexiconTerms.AsNoTracking().Where(t => t.Id == id).Select(LexiconTermResponse.From).SingleAsync(ct);

    public static string Describe(this LexiconTerm term) => $"'{term.Phrase}' ({term.Scale}, {term.Language})";
}

// The rules for a term's editable fields, shared by adding and changing one.
public sealed class LexiconTermFieldsValidator<T> : AbstractValidator<T>
{
    public const int MaxVariants = 50;

    public LexiconTermFieldsValidator(
        Expression<Func<T, double?>> probability,
        Expression<Func<T, double?>> low,
        Expression<Func<T, double?>> high,
        Expression<Func<T, CuePolarity?>> polarity,
        Expression<Func<T, CueCategory?>> category,
        Expression<Func<T, IEnumerable<string>?>> variants,
        Expression<Func<T, string?>> note)
    {
        const string InRange = "is a probability between 0 and 1.";
        RuleFor(probability).NotNull().InclusiveBetween(0, 1).WithMessage($"'probability' {InRange}");
        RuleFor(low).NotNull().InclusiveBetween(0, 1).WithMessage($"'low' {InRange}");
        RuleFor(high).NotNull().InclusiveBetween(0, 1).WithMessage($"'high' {InRange}");
        var probabilityOf = probability.Compile();
        var lowOf = low.Compile();
        var highOf = high.Compile();
        RuleFor(low).Must((x, l) => l <= probabilityOf(x)).When(x => lowOf(x) is not null && probabilityOf(x) is not null)
            .WithMessage("'low' is at most 'probability': 0 <= low <= probability <= high <= 1.");
        RuleFor(high).Must((x, h) => h >= probabilityOf(x)).When(x => highOf(x) is not null && probabilityOf(x) is not null)
            .WithMessage("'high' is at least 'probability': 0 <= low <= probability <= high <= 1.");
        RuleFor(polarity).NotNull().WithMessage($"'polarity' is one of {SnakeCase.Names<CuePolarity>()}.");
        RuleFor(category).NotNull().WithMessage($"'category' is one of {SnakeCase.Names<CueCategory>()}.");
        RuleFor(variants).Must(v => v is null || v.Count() <= MaxVariants).WithMessage($"At most {MaxVariants} variants.");
        RuleForEach<string>(variants!).NotEmpty().MaximumLength(LexiconTerm.MaxPhraseLength)
            .WithMessage($"A variant is another wording of the phrase, of 1 to {LexiconTerm.MaxPhraseLength} characters.");
        RuleFor(note).MaximumLength(1000);
    }
}
