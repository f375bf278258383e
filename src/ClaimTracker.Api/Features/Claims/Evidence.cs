using ClaimTracker.Api.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Claims;

// Mentions reports the claim without settling it: it is kept in the claim's timeline, never moves the status and
// never reaches scoring.
public enum Stance { Confirms, Contradicts, PartlyConfirms, Mentions }

// A later article's stance toward a claim. Only conclusive evidence moves the claim's status.
public sealed class Evidence
{
    public const int MaxNoteLength = 2000;

    private Evidence() { }

    public Evidence(
        Guid articleId, Stance stance, string? quote, string? note, List<ChainLink> chain,
        DateTimeOffset observedAt, bool conclusive, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ArticleId = articleId;
        Stance = stance;
        Quote = quote?.Trim();
        Note = note?.Trim();
        Chain = chain;
        ObservedAt = observedAt.ToUniversalTime();
        Conclusive = conclusive;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ClaimId { get; private set; }
    public Guid ArticleId { get; private set; }
    public Article Article { get; private set; } = null!;
    public Stance Stance { get; private set; }
    public string? Quote { get; private set; }
    public string? Note { get; private set; }
    public List<ChainLink> Chain { get; private set; } = [];
    public DateTimeOffset ObservedAt { get; private set; }
    public bool Conclusive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public Guid OriginId => Chain.Single(l => l.Position == 0).SourceId;

    // What the status rule weighs (Claim.StatusFromEvidence): conclusive, and taking a side.
    public bool Settles => Conclusive && Stance != Stance.Mentions;
}

public sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable("evidence");
        builder.Property(e => e.Quote).HasMaxLength(Report.MaxQuoteLength);
        builder.Property(e => e.Note).HasMaxLength(Evidence.MaxNoteLength);
        builder.Property(e => e.Stance).HasMaxLength(20);
        builder.HasOne(e => e.Article).WithMany().HasForeignKey(e => e.ArticleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.ClaimId);
        builder.HasIndex(e => e.ArticleId);
        builder.OwnsMany(e => e.Chain, chain => chain.MapChain("evidence_chain", "EvidenceId"));
    }
}
