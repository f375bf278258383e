using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Lexicon;

// One phrase on one published scale. A phrase several scales define ("likely") has one row each;
// HedgeMatcher.ScalePrecedence decides which row a match uses.
public sealed class LexiconTerm
{
    private LexiconTerm() { }

    public Guid Id { get; private set; }
    public string Language { get; private set; } = "en";
    public string Phrase { get; private set; } = "";
    public List<string> Variants { get; private set; } = [];
    public double Probability { get; private set; }
    public double Low { get; private set; }
    public double High { get; private set; }
    public CuePolarity Polarity { get; private set; }
    public CueCategory Category { get; private set; }
    public string Scale { get; private set; } = "";
    public string? Note { get; private set; }

    public static LexiconTerm From(LexiconFile.Term term, string language) => new()
    {
        Id = Guid.CreateVersion7(),
        Language = language,
        Phrase = term.Phrase.Trim().ToLowerInvariant(),
        Variants = term.Variants?.ToList() ?? [],
        Probability = term.Probability,
        Low = term.Low,
        High = term.High,
        Polarity = term.Polarity,
        Category = term.Category,
        Scale = term.Scale,
        Note = term.Note,
    };

    public LexiconEntry ToEntry() => new(Phrase, Probability, Low, High, Polarity, Category, Scale, Variants, Id);
}

public sealed class LexiconTermConfiguration : IEntityTypeConfiguration<LexiconTerm>
{
    public void Configure(EntityTypeBuilder<LexiconTerm> builder)
    {
        builder.ToTable("lexicon_terms", t =>
        {
            t.HasCheckConstraint("ck_lexicon_terms_probability", "low >= 0 AND low <= probability AND probability <= high AND high <= 1");
        });
        builder.Property(t => t.Language).HasMaxLength(35);
        builder.Property(t => t.Phrase).HasMaxLength(200);
        builder.Property(t => t.Scale).HasMaxLength(50);
        builder.Property(t => t.Polarity).HasMaxLength(20);
        builder.Property(t => t.Category).HasMaxLength(20);
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.HasIndex(t => new { t.Language, t.Scale, t.Phrase }).IsUnique();
    }
}
