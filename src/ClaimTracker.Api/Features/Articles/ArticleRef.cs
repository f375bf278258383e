using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Articles;

// How a report or a piece of evidence names its article: by id, by URL of a known article, or inline
// with URL, title and publisher, and its publication time when it shows one (created when the URL is new).
public sealed record ArticleRef(
    Guid? Id = null,
    string? Url = null,
    string? Title = null,
    SourceRef? Publisher = null,
    DateTimeOffset? PublishedAt = null,
    SourceRef? SyndicatedFrom = null,
    string? Language = null,
    DatePrecision? DatePrecision = null,
    bool? DateInferred = null)
{
    public sealed class Validator : AbstractValidator<ArticleRef>
    {
        public Validator()
        {
            RuleFor(a => a).Must(a => a.Id is not null || a.Url is not null)
                .OverridePropertyName("").WithMessage("Name the article by 'id' or by 'url'.");
            RuleFor(a => a.Id).Must(id => id != Guid.Empty).When(a => a.Id is not null).WithMessage("Not an article id.");
            RuleFor(a => a.Url).Must(url => CanonicalUrl.TryCreate(url, out _)).When(a => a.Url is not null)
                .WithMessage($"'url' must be an absolute http or https URL of at most {CanonicalUrl.MaxLength} characters.");
            RuleFor(a => a.Title).NotEmpty().When(a => a.Title is not null);
            Include(new ArticleFieldsValidator<ArticleRef>(a => a.Title, a => a.Language, a => a.PublishedAt, a => a.DatePrecision, a => a.DateInferred));
            RuleFor(a => a.Publisher!).SetValidator(new SourceRef.Validator()).When(a => a.Publisher is not null);
            RuleFor(a => a.SyndicatedFrom!).SetValidator(new SourceRef.Validator()).When(a => a.SyndicatedFrom is not null);
        }
    }
}

public sealed class ArticleFieldsValidator<T> : AbstractValidator<T>
{
    public ArticleFieldsValidator(
        System.Linq.Expressions.Expression<Func<T, string?>> title,
        System.Linq.Expressions.Expression<Func<T, string?>> language,
        System.Linq.Expressions.Expression<Func<T, DateTimeOffset?>> publishedAt,
        System.Linq.Expressions.Expression<Func<T, DatePrecision?>> precision,
        System.Linq.Expressions.Expression<Func<T, bool?>> inferred)
    {
        RuleFor(title).MaximumLength(500);
        RuleFor(language).Must(l => l is null || LanguageTags.IsValid(l)).WithMessage($"'language' is {LanguageTags.Rule}.");
        RuleFor(publishedAt).Must(Dates.IsPlausible).WithMessage(Dates.PlausibleRule);
        var dateOf = publishedAt.Compile();
        RuleFor(precision).Null().When(x => dateOf(x) is null)
            .WithMessage("'datePrecision' says how precise 'publishedAt' is: leave both out when the article shows no date.");
        RuleFor(inferred).Null().When(x => dateOf(x) is null)
            .WithMessage("'dateInferred' flags an inferred 'publishedAt': leave both out when no date is known.");
    }
}

public sealed class ArticleResolver(ClaimTrackerDbContext db, SourceResolver sources, TimeProvider clock, AuditTrail trail)
{
    // urlUnknown: the caller has just read that no article has the reference's URL (a concurrent insert of the same URL
    // is still found, by the insert's conflict).
    public async Task<Article> ResolveAsync(ArticleRef reference, string field, CancellationToken ct, bool urlUnknown = false)
    {
        if (reference.Id is { } id)
            return await Load(db.Articles.Where(a => a.Id == id), ct)
                ?? throw new MissingReferenceException(Fields.Join(field, "id"), $"No article has id {id}.");

        var url = CanonicalUrl.Create(reference.Url!);
        if (!urlUnknown && await FindAsync(url, ct) is { } existing) return existing;
        if (reference.Title is null || reference.Publisher is null)
            throw new MissingReferenceException(Fields.Join(field, "url"),
                $"No article has URL {url}. Give 'title' and 'publisher' (and 'publishedAt' when it shows a date) to create it inline.");

        var (article, _) = await CreateAsync(url, reference.Title, reference.Publisher, reference.SyndicatedFrom,
            ArticleDate.Of(reference.PublishedAt, reference.DatePrecision, reference.DateInferred), reference.Language, body: null, field, ct);
        return article;
    }

    // Inserted with ON CONFLICT DO NOTHING: if another request stored the same URL first, its article is returned.
    public async Task<(Article Article, bool Inserted)> CreateAsync(
        string url, string title, SourceRef publisher, SourceRef? syndicatedFrom, ArticleDate date,
        string? language, string? body, string field, CancellationToken ct)
    {
        var publisherSource = await sources.ResolveAsync(publisher, Fields.Join(field, "publisher"), ct);
        var syndicatedSource = syndicatedFrom is null ? null : await sources.ResolveAsync(syndicatedFrom, Fields.Join(field, "syndicatedFrom"), ct);
        // PostgreSQL keeps microseconds: the article kept in memory below must equal the one a read would return.
        var now = clock.GetUtcNow();
        var article = Article.Create(url, title, publisherSource, syndicatedSource, date, language, body, now.AddTicks(-(now.Ticks % 10)));
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO articles (id, url, title, publisher_id, syndicated_from_id, published_at, date_precision, date_inferred,
                                  language, body, created_at)
            VALUES ({article.Id}, {article.Url}, {article.Title}, {article.PublisherId}, {article.SyndicatedFromId},
                    {article.PublishedAt}, {SnakeCase.Name(article.DatePrecision)}, {article.DateInferred},
                    {article.Language}, {article.Body}, {article.CreatedAt})
            ON CONFLICT (url) DO NOTHING
            """, ct);
        if (inserted == 0) return ((await FindAsync(url, ct))!, false);
        trail.Add("articles", article.Id, ChangeKind.Added); // written in SQL, unseen by the audit interceptor
        // Tracked as stored, with its publisher and syndication source, as FindAsync would load it (without reading it back).
        db.Articles.Attach(article);
        return (article, true);
    }

    public Task<Article?> FindAsync(string canonicalUrl, CancellationToken ct) => Load(db.Articles.Where(a => a.Url == canonicalUrl), ct);

    private static Task<Article?> Load(IQueryable<Article> query, CancellationToken ct) =>
        query.Include(a => a.Publisher).Include(a => a.SyndicatedFrom).FirstOrDefaultAsync(ct);
}
