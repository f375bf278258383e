using ClaimTracker.Api.Infrastructure;
using ClaimTracker.ClaimReviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.ClaimReviews;

// One row of the rating crosswalk: a fact-checker's label, in a language (null: any) and for a publisher site (null:
// any), and the outcome it means. Seeded from seeds/rating-crosswalk.json, edited through /claimreviews/crosswalk.
// LabelKey is the label as the crosswalk compares it (RatingLabel.Normalize): one entry per key and scope.
public sealed class RatingCrosswalkEntry
{
    public const int MaxLabelLength = 300;

    private RatingCrosswalkEntry() { }

    public Guid Id { get; private set; }
    public string Label { get; private set; } = "";
    public string LabelKey { get; private set; } = "";
    public string? Language { get; private set; }
    public string? Publisher { get; private set; }
    public VerdictOutcome Outcome { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static RatingCrosswalkEntry Create(string label, VerdictOutcome outcome, string? language, string? publisher, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Label = label.Trim(),
        LabelKey = RatingLabel.Normalize(label),
        Language = ScopeLanguage(language),
        Publisher = ScopePublisher(publisher),
        Outcome = outcome,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Change(string label, VerdictOutcome outcome, DateTimeOffset now)
    {
        Label = label.Trim();
        Outcome = outcome;
        UpdatedAt = now;
    }

    public CrosswalkEntry ToEntry() => new(Label, Outcome, Language, Publisher);

    // Scopes are stored as the crosswalk reads them: a lower-case language tag, a site without "www.".
    public static string? ScopeLanguage(string? language) =>
        string.IsNullOrWhiteSpace(language) ? null : LanguageTags.Normalize(language.Trim()).ToLowerInvariant();

    public static string? ScopePublisher(string? publisher)
    {
        if (string.IsNullOrWhiteSpace(publisher)) return null;
        var site = publisher.Trim().ToLowerInvariant();
        return site.StartsWith("www.", StringComparison.Ordinal) ? site[4..] : site;
    }
}

public sealed class RatingCrosswalkEntryConfiguration : IEntityTypeConfiguration<RatingCrosswalkEntry>
{
    public void Configure(EntityTypeBuilder<RatingCrosswalkEntry> builder)
    {
        builder.ToTable("rating_crosswalk");
        builder.Property(e => e.Label).HasMaxLength(RatingCrosswalkEntry.MaxLabelLength);
        builder.Property(e => e.LabelKey).HasMaxLength(RatingCrosswalkEntry.MaxLabelLength);
        builder.Property(e => e.Language).HasMaxLength(35);
        builder.Property(e => e.Publisher).HasMaxLength(253);
        builder.Property(e => e.Outcome).HasMaxLength(20).HasConversion<SnakeCaseEnumConverter<VerdictOutcome>>();
        builder.HasIndex(e => new { e.Publisher, e.Language, e.LabelKey }).IsUnique().AreNullsDistinct(false);
    }
}
