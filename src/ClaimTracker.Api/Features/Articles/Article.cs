using ClaimTracker.Api.Features.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Articles;

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

    public DateTimeOffset PublishedAt { get; private set; }
    public string? Language { get; private set; }
    public string? Body { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Article Create(
        string canonicalUrl, string title, Source publisher, Source? syndicatedFrom,
        DateTimeOffset publishedAt, string? language, string? body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Url = canonicalUrl,
        Title = title.Trim(),
        PublisherId = publisher.Id,
        SyndicatedFromId = syndicatedFrom?.Id,
        PublishedAt = publishedAt.ToUniversalTime(),
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
        builder.Property(a => a.Body).HasMaxLength(Article.MaxBodyLength);
        builder.HasOne(a => a.Publisher).WithMany().HasForeignKey(a => a.PublisherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.SyndicatedFrom).WithMany().HasForeignKey(a => a.SyndicatedFromId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.PublisherId);
        builder.HasIndex(a => a.PublishedAt);
    }
}
