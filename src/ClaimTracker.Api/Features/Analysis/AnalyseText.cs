using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace ClaimTracker.Api.Features.Analysis;

// Reads text into sentences, hedge cues, attribution chains and stated probabilities. Writes nothing.
public static class AnalyseText
{
    public const int MaxTextLength = 100_000;

    public sealed record Body(string Text, string? Language = null, string? Publisher = null, string? SyndicatedFrom = null);

    public sealed record Query(string Text, string? Language, string? Publisher, string? SyndicatedFrom) : IQuery<AnalysisResponse>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' is empty: send the text to analyse.")
                .MaximumLength(MaxTextLength).WithMessage($"'text' is limited to {MaxTextLength} characters; split longer text.");
            RuleFor(q => q.Language).Must(l => l is null || LanguageTags.IsValid(l)).WithMessage($"'language' is {LanguageTags.Rule}.");
            RuleFor(q => q.Publisher).MaximumLength(200);
            RuleFor(q => q.SyndicatedFrom).MaximumLength(200);
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, LexiconCache lexicon) : IQueryHandler<Query, AnalysisResponse>
    {
        public async ValueTask<AnalysisResponse> Handle(Query query, CancellationToken ct)
        {
            var snapshot = await lexicon.RequireAsync(db, query.Language, "language", ct);
            var analysis = new TextAnalyzer(snapshot.Matcher).Analyze(query.Text, new ArticleContext(query.Publisher, query.SyndicatedFrom));
            return AnalysisResponse.From(analysis, snapshot);
        }
    }
}

public static class LexiconRequirement
{
    // Analysis needs a lexicon in the text's language; without one the answer would be silently empty.
    public static async Task<LexiconSnapshot> RequireAsync(this LexiconCache lexicon, ClaimTrackerDbContext db, string? language, string field, CancellationToken ct) =>
        await lexicon.GetAsync(db, language ?? LanguageTags.Default, ct)
        ?? throw new ValidationException([new ValidationFailure(field,
            $"There is no lexicon for language '{language}' yet, so its hedges cannot be read. Analyse English text (en), or add terms in that language first.")]);
}
