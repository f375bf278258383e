using System.Linq.Expressions;
using ClaimTracker.Api.Features.Sources;

namespace ClaimTracker.Api.Features.Articles;

public sealed record ArticleResponse(
    Guid Id,
    string Url,
    string Title,
    SourceLink Publisher,
    SourceLink? SyndicatedFrom,
    DateTimeOffset? PublishedAt,
    DatePrecision DatePrecision,
    bool DateInferred,
    string? Language,
    string? Body,
    DateTimeOffset CreatedAt)
{
    public static readonly Expression<Func<Article, ArticleResponse>> FromArticle = a => new ArticleResponse(
        a.Id, a.Url, a.Title,
        new SourceLink(a.Publisher.Id, a.Publisher.Slug, a.Publisher.Name),
        a.SyndicatedFrom == null ? null : new SourceLink(a.SyndicatedFrom.Id, a.SyndicatedFrom.Slug, a.SyndicatedFrom.Name),
        a.PublishedAt, a.DatePrecision, a.DateInferred, a.Language, a.Body, a.CreatedAt);

    // The same mapping for an article already loaded with its publisher and syndication source.
    public static readonly Func<Article, ArticleResponse> From = FromArticle.Compile();
}

public sealed record ArticleLink(Guid Id, string Url, string Title, string Publisher, DateTimeOffset? PublishedAt);
