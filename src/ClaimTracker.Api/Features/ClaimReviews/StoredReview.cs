using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.ClaimReviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.ClaimReviews;

// A fact-checker's ClaimReview as imported: kept whole (its rating raw, its verdict as the crosswalk read it at import
// time) whether or not it resolved the claim, so that search can show it and a second import of it changes nothing.
public sealed class StoredReview
{
    public const int MaxUrlLength = 2000;
    public const int MaxTitleLength = 1000;
    public const int MaxRatingLength = 300;
    public const string ContentKeyPrefix = "sha256:";

    private StoredReview() { }

    public Guid Id { get; private set; }
    // The review's URL, or for a review without one "sha256:" and the hash of what identifies it (ContentKey):
    // the idempotency key of the import, unique.
    public string Key { get; private set; } = "";
    public string? Url { get; private set; }
    public Guid ClaimId { get; private set; }
    public Guid FactCheckerId { get; private set; }
    public Source FactChecker { get; private set; } = null!;
    public string? PublisherSite { get; private set; }
    public string ClaimReviewed { get; private set; } = "";
    public string? Title { get; private set; }
    public string? TextualRating { get; private set; }
    public double? RatingValue { get; private set; }
    public double? BestRating { get; private set; }
    public double? WorstRating { get; private set; }
    public VerdictOutcome? Outcome { get; private set; }
    public VerdictSource VerdictSource { get; private set; }
    public string? Language { get; private set; }
    public DateTimeOffset? ReviewDate { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static StoredReview From(ClaimReviewItem item, Guid claimId, Guid factCheckerId, RatingVerdict verdict, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Key = KeyOf(item),
        Url = item.ReviewUrl,
        ClaimId = claimId,
        FactCheckerId = factCheckerId,
        PublisherSite = item.Publisher?.Site,
        ClaimReviewed = item.ClaimReviewed.Trim(),
        Title = item.Title?.Trim(),
        TextualRating = item.TextualRating?.Trim(),
        RatingValue = item.NumericRating?.Value,
        BestRating = item.NumericRating?.Best,
        WorstRating = item.NumericRating?.Worst,
        Outcome = verdict.Outcome,
        VerdictSource = verdict.Source,
        Language = item.ReviewLanguage ?? item.ClaimLanguage,
        ReviewDate = item.ReviewDate,
        CreatedAt = now,
    };

    // A review without URL is the same review when its publisher, claim, rating and date are: the hash of those.
    public static string KeyOf(ClaimReviewItem item) => item.ReviewUrl ?? ContentKey(item);

    public static string ContentKey(ClaimReviewItem item)
    {
        var content = string.Join('\n', item.Publisher?.Site ?? item.Publisher?.Name ?? "", item.ClaimReviewed.Trim(),
            RatingLabel.Normalize(item.TextualRating), item.ReviewDate?.UtcDateTime.ToString("O") ?? "");
        return ContentKeyPrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
    }
}

public sealed class StoredReviewConfiguration : IEntityTypeConfiguration<StoredReview>
{
    public void Configure(EntityTypeBuilder<StoredReview> builder)
    {
        builder.ToTable("claim_reviews");
        builder.Property(r => r.Key).HasMaxLength(StoredReview.MaxUrlLength);
        builder.HasIndex(r => r.Key).IsUnique();
        builder.Property(r => r.Url).HasMaxLength(StoredReview.MaxUrlLength);
        builder.Property(r => r.PublisherSite).HasMaxLength(253);
        builder.HasIndex(r => r.PublisherSite);
        builder.Property(r => r.ClaimReviewed).HasMaxLength(Claim.MaxStatementLength);
        builder.Property(r => r.Title).HasMaxLength(StoredReview.MaxTitleLength);
        builder.Property(r => r.TextualRating).HasMaxLength(StoredReview.MaxRatingLength);
        builder.Property(r => r.Outcome).HasMaxLength(20).HasConversion<SnakeCaseEnumConverter<VerdictOutcome>>();
        builder.Property(r => r.VerdictSource).HasMaxLength(30).HasConversion<SnakeCaseEnumConverter<VerdictSource>>();
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.HasIndex(r => r.ClaimId);
        builder.HasOne<Claim>().WithMany().HasForeignKey(r => r.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.FactChecker).WithMany().HasForeignKey(r => r.FactCheckerId).OnDelete(DeleteBehavior.Restrict);
    }
}
