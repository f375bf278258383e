using ClaimTracker.Api.Features.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Articles;

// How precisely an article's date is known: many real sources show only a month or a year.
public enum DatePrecision { Day, Month, Year }

// An article's publication date as known: none, or a time with its precision (a month-precise date is stored as the
// first instant of its month, UTC), and whether it was inferred (from the text, a neighbouring article) rather than shown.
public readonly record struct ArticleDate(DateTimeOffset? At, DatePrecision Precision, bool Inferred)
{
    public static readonly ArticleDate Unknown = new(null, DatePrecision.Day, false);

    public static ArticleDate Of(DateTimeOffset? at, DatePrecision? precision, bool? inferred)
    {
        if (at is not { } time) return Unknown;
        var utc = time.ToUniversalTime();
        var start = (precision ?? DatePrecision.Day) switch
        {
            DatePrecision.Year => new DateTimeOffset(utc.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DatePrecision.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => utc,
        };
        return new ArticleDate(start, precision ?? DatePrecision.Day, inferred ?? false);
    }
}

public sealed class Article
{
    public const int MaxBodyLength = 500_000;

    private Article() { }

    public Guid Id { get; private set; }
    public string Url { get; private set; } = "";
    public string Title { get; private set; } = "";
    public Guid PublisherId { get; private set; }
    public Source Publisher { get; private set; } = null!;

    // The wire service the publisher republished (NDTV <- AFP); a relay in every report taken from this article.
    public Guid? SyndicatedFromId { get; private set; }
    public Source? SyndicatedFrom { get; private set; }

    // Null when the article shows no date; then reports and evidence from it say when they were made.
    public DateTimeOffset? PublishedAt { get; private set; }
    public DatePrecision DatePrecision { get; private set; }
    public bool DateInferred { get; private set; }
    public string? Language { get; private set; }
    public string? Body { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    // When a report or evidence from this article was made: the time given, else the article's date. An undated article
    // needs the time given (400 naming the field).
    public DateTimeOffset TimeOr(DateTimeOffset? given, string field) =>
        given ?? PublishedAt ?? throw new FluentValidation.ValidationException(
            [new FluentValidation.Results.ValidationFailure(field, $"The article {Url} shows no date: say when it was said ('{field.Split('.')[^1]}').")]);

    public static Article Create(
        string canonicalUrl, string title, Source publisher, Source? syndicatedFrom,
        ArticleDate date, string? language, string? body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Url = canonicalUrl,
        Title = title.Trim(),
        PublisherId = publisher.Id,
        SyndicatedFromId = syndicatedFrom?.Id,
        PublishedAt = date.At,
        DatePrecision = date.Precision,
        DateInferred = date.Inferred,
        Language = language,
        Body = body,
        CreatedAt = now,
    };
}

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Url).HasMaxLength(CanonicalUrl.MaxLength);
        builder.HasIndex(a => a.Url).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(500);
        builder.Property(a => a.Language).HasMaxLength(35);
        builder.Property(a => a.DatePrecision).HasMaxLength(10);
        builder.Property(a => a.Body).HasMaxLength(Article.MaxBodyLength);
        builder.HasOne(a => a.Publisher).WithMany().HasForeignKey(a => a.PublisherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.SyndicatedFrom).WithMany().HasForeignKey(a => a.SyndicatedFromId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.PublisherId);
        builder.HasIndex(a => a.PublishedAt);
    }
}
