using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace ClaimTracker.Api.Features.Claims;

// What GET /claims/search reads: one row per claim, its texts (statement, report quotes, evidence quotes and notes)
// gathered into one document and indexed in the claim's language. The database writes it, never the API: triggers on
// claims, reports, evidence and articles refresh it in the same statement as the change (migration ClaimSearch), so
// every write path - endpoints, the set-based import, the seed, later merges - keeps it current without remembering to.
public sealed class ClaimSearchDocument
{
    private ClaimSearchDocument() { }

    public Guid ClaimId { get; private set; }

    // The primary language subtag ("pt" for pt-BR) most of the claim's reports' articles carry; null when none says.
    public string? Language { get; private set; }

    // The text-search configuration of that language (portuguese, arabic, ...; simple for a language without one).
    public string Config { get; private set; } = "simple";
    public string Document { get; private set; } = "";
    public NpgsqlTsVector Tsv { get; private set; } = null!;
}

public sealed class ClaimSearchDocumentConfiguration : IEntityTypeConfiguration<ClaimSearchDocument>
{
    public void Configure(EntityTypeBuilder<ClaimSearchDocument> builder)
    {
        builder.ToTable("claim_search");
        builder.HasKey(d => d.ClaimId);
        builder.HasOne<Claim>().WithOne().HasForeignKey<ClaimSearchDocument>(d => d.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Config).HasMaxLength(63);
        builder.HasIndex(d => d.Tsv).HasMethod("gin");
        builder.HasIndex(d => d.Document).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_claim_search_document_trgm");
        builder.HasIndex(d => d.Language);
    }
}
