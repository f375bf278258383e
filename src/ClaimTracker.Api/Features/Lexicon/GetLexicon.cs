using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class GetLexicon
{
    public static void Map(IEndpointRouteBuilder lexicon) =>
        lexicon.MapGet("/", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("GetLexicon")
            .RequireRole(Role.Reader)
            .WithSummary("Read the hedge lexicon")
            .WithDescription("The current lexicon version and every active term of one language (default en) with its probability, range, polarity, category and scale (ICD 203, Kent 1964, PHIA, reader perceptions, ClaimTracker's priors for evidentials). 'preferred' marks the row a matching quote takes its probability from; 'includeRetired=true' lists retired terms too.");

    public sealed record Query(
        [property: FromQuery(Name = "category")] string? Category,
        [property: FromQuery(Name = "scale")] string? Scale,
        [property: FromQuery(Name = "phrase")] string? Phrase,
        [property: FromQuery(Name = "language")] string? Language = null,
        [property: FromQuery(Name = "includeRetired")] bool? IncludeRetired = null)
        : IQuery<Response>;

    // Version: the current lexicon version, the one a report recorded now would carry.
    public sealed record Response(int Version, string Language, IReadOnlyList<string> ScalePrecedence, IReadOnlyList<Term> Terms);

    // Preferred: this row supplies the phrase's probability when a quote matches it (see ScalePrecedence).
    public sealed record Term(
        Guid Id, string Phrase, IReadOnlyList<string> Variants, double Probability, double Low, double High,
        CuePolarity Polarity, CueCategory Category, string Scale, string Language, string? Note, bool Inflect, bool LowercaseOnly,
        int Version, int CreatedInVersion, int UpdatedInVersion, int? RetiredInVersion, bool Preferred);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Category).Must(c => c is null || SnakeCase.TryParse<CueCategory>(c, out _))
                .WithMessage($"'category' is one of {SnakeCase.Names<CueCategory>()}.");
            RuleFor(q => q.Scale).Must(s => s is null || LexiconTerm.IsValidScale(s))
                .WithMessage($"'scale' is {LexiconTerm.ScaleRule}, such as {string.Join(", ", HedgeMatcher.ScalePrecedence)}.");
            RuleFor(q => q.Phrase).MaximumLength(200);
            RuleFor(q => q.Language).Must(l => l is null || LanguageTags.IsValid(l)).WithMessage($"'language' is {LanguageTags.Rule}.");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, LexiconCache lexicon) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken ct)
        {
            var language = LanguageTags.Normalize(query.Language ?? LanguageTags.Default);
            var terms = db.LexiconTerms.AsNoTracking().Where(t => t.Language == language);
            if (query.IncludeRetired != true) terms = terms.Where(t => t.RetiredInVersion == null);
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

            var snapshot = await lexicon.GetAsync(db, language, ct);
            var preferred = snapshot?.Matcher.PreferredEntries.Select(e => e.Id).ToHashSet() ?? [];
            var rows = await terms.OrderBy(t => t.Phrase).ThenBy(t => t.Scale).ThenBy(t => t.CreatedInVersion).ToListAsync(ct);
            return new Response(snapshot?.Version ?? await db.CurrentLexiconVersionAsync(ct), language, HedgeMatcher.ScalePrecedence,
                rows.Select(t => new Term(
                    t.Id, t.Phrase, t.Variants, t.Probability, t.Low, t.High, t.Polarity, t.Category, t.Scale, t.Language, t.Note,
                    t.Inflect, t.LowercaseOnly, t.Version, t.CreatedInVersion, t.UpdatedInVersion, t.RetiredInVersion,
                    preferred.Contains(t.Id))).ToList());
        }
    }
}
