using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;

namespace ClaimTracker.Api.Features.Claims;

// A report as a request carries it, for recording a claim and for adding a report to one.
public sealed record ReportInput(
    ArticleRef Article,
    string Quote,
    IReadOnlyList<ChainLinkInput>? Chain = null,
    IReadOnlyList<string>? HedgeWords = null,
    double? StatedConfidence = null,
    DateTimeOffset? ReportedAt = null)
{
    public const int MaxHedgeWords = 20;

    public sealed class Validator : AbstractValidator<ReportInput>
    {
        public Validator()
        {
            RuleFor(r => r.Article).NotNull().SetValidator(new ArticleRef.Validator());
            RuleFor(r => r.Quote).NotEmpty().MaximumLength(Report.MaxQuoteLength);
            this.AddChainRules(r => r.Chain, "chain");
            RuleFor(r => r.HedgeWords).Must(w => w is null || w.Count <= MaxHedgeWords)
                .WithMessage($"At most {MaxHedgeWords} hedge words.");
            RuleForEach(r => r.HedgeWords).NotEmpty().MaximumLength(100);
            RuleFor(r => r.StatedConfidence).InclusiveBetween(0, 1).When(r => r.StatedConfidence is not null)
                .WithMessage("'statedConfidence' is a probability between 0 and 1.");
            RuleFor(r => r.ReportedAt).Must(Dates.IsPlausible).WithMessage(Dates.PlausibleRule);
        }
    }
}

// Builds a Report from its input: finds or creates the article and sources, completes the chain from the
// article, and reads the hedge words through the lexicon of the article's language into a stated confidence,
// recording which lexicon version did the reading.
public sealed class ReportFactory(
    ClaimTrackerDbContext db, ArticleResolver articles, SourceResolver sources, LexiconCache lexicon, TimeProvider clock)
{
    public const string GivenRule = "given: stated by the caller";

    public static string NoLexiconRule(string language) => $"no lexicon for language '{language}'";

    // A caller that has already read the lexicon version, or knows that no article has the reference's URL (read in
    // one batch with its other lookups), passes them on and saves the round trips.
    public async Task<Report> CreateAsync(ReportInput input, string path, CancellationToken ct, int? lexiconVersion = null, bool urlUnknown = false)
    {
        var article = await articles.ResolveAsync(input.Article, Fields.Join(path, "article"), ct, urlUnknown);
        var chainPath = Fields.Join(path, "chain");
        var chain = Chains.Complete(await sources.ResolveChainAsync(input.Chain, chainPath, ct), article, chainPath);

        var hedgeWords = input.HedgeWords?.Select(w => w.Trim()).ToList() ?? [];
        var language = LanguageTags.Normalize(article.Language ?? LanguageTags.Default);
        var snapshot = lexiconVersion is { } version ? await lexicon.GetAsync(db, language, version, ct) : await lexicon.GetAsync(db, language, ct);
        if (snapshot is null)
        {
            // No lexicon reads this language, and another language's words would be guesses: no cues, and
            // only the caller's own number. The version still says which lexicon was current.
            return new Report(article.Id, input.Quote, chain, hedgeWords, [.. hedgeWords], [], input.StatedConfidence,
                NoLexiconRule(language), lexiconVersion ?? await db.CurrentLexiconVersionAsync(ct), article.TimeOr(input.ReportedAt, Fields.Join(path, "reportedAt")), clock.GetUtcNow());
        }

        var analysis = HedgeAnalysis.Analyze(snapshot.Matcher, input.Quote, input.HedgeWords);
        var cues = analysis.Cues.Select(c => new ReportCue
        {
            Phrase = c.Match.Entry.Phrase,
            Scale = c.Match.Entry.Scale,
            Category = c.Match.Entry.Category,
            Probability = c.Match.Probability,
            Negated = c.Match.Negated,
            Quoted = c.Match.Quoted,
            MatchedText = c.Match.MatchedText,
            Start = c.Match.Start,
            Length = c.Match.Length,
            FoundIn = c.FoundIn,
        }).ToList();
        var (confidence, rule) = input.StatedConfidence is { } given
            ? (given, GivenRule)
            : (analysis.Confidence.Probability, analysis.Confidence.Rule);

        return new Report(article.Id, input.Quote, chain, hedgeWords,
            analysis.UnmatchedHedgeWords.Select(w => w.Trim()).ToList(), cues,
            confidence, rule, snapshot.Version, article.TimeOr(input.ReportedAt, Fields.Join(path, "reportedAt")), clock.GetUtcNow());
    }
}
