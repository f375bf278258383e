using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class GetLexicon
{
    public sealed record Query(string? Category, string? Scale, string? Phrase) : IQuery<Response>;

    public sealed record Response(IReadOnlyList<string> ScalePrecedence, IReadOnlyList<Term> Terms);

    // Preferred: this row supplies the phrase's probability when a quote matches it (see ScalePrecedence).
    public sealed record Term(
        Guid Id, string Phrase, IReadOnlyList<string> Variants, double Probability, double Low, double High,
        CuePolarity Polarity, CueCategory Category, string Scale, string Language, string? Note, bool Preferred);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Category).Must(c => c is null || SnakeCase.TryParse<CueCategory>(c, out _))
                .WithMessage($"'category' is one of {SnakeCase.Names<CueCategory>()}.");
            RuleFor(q => q.Scale).Must(s => s is null || HedgeMatcher.ScalePrecedence.Contains(s))
                .WithMessage($"'scale' is one of {string.Join(", ", HedgeMatcher.ScalePrecedence)}.");
            RuleFor(q => q.Phrase).MaximumLength(200);
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, LexiconCache lexicon) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken ct)
        {
            var terms = db.LexiconTerms.AsNoTracking();
            if (query.Category is not null)
            {
                var category = SnakeCase.Parse<CueCategory>(query.Category);
                terms = terms.Where(t => t.Category == category);
            }
            if (query.Scale is not null) terms = terms.Where(t => t.Scale == query.Scale);
            if (!string.IsNullOrWhiteSpace(query.Phrase))
            {
                var pattern = Like.Contains(query.Phrase);
                terms = terms.Where(t => EF.Functions.ILike(t.Phrase, pattern, Like.Escape));
            }

            var preferred = (await lexicon.GetAsync(db, ct)).PreferredEntries.Select(e => e.Id).ToHashSet();
            var rows = await terms.OrderBy(t => t.Phrase).ThenBy(t => t.Scale).ToListAsync(ct);
            return new Response(HedgeMatcher.ScalePrecedence, rows.Select(t => new Term(
                t.Id, t.Phrase, t.Variants, t.Probability, t.Low, t.High, t.Polarity, t.Category, t.Scale,
                t.Language, t.Note, preferred.Contains(t.Id))).ToList());
        }
    }
}
