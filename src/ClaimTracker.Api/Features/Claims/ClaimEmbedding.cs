using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Claims;

// A claim statement's sentence-embedding vector (EmbeddingSimilarity): a unit vector of SentenceEmbedder.Dimensions
// reals. ModelVersion says which model and text normalisation made it; only vectors of the running version are compared,
// so a new model version leaves the old rows to be overwritten by the backfill. Written by ClaimEmbeddings only.
public sealed class ClaimEmbedding
{
    private ClaimEmbedding() { }

    public Guid ClaimId { get; private set; }
    public string ModelVersion { get; private set; } = "";
    public float[] Vector { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
}

public sealed class ClaimEmbeddingConfiguration : IEntityTypeConfiguration<ClaimEmbedding>
{
    public void Configure(EntityTypeBuilder<ClaimEmbedding> builder)
    {
        builder.ToTable("claim_embeddings");
        builder.HasKey(e => e.ClaimId);
        builder.HasOne<Claim>().WithOne().HasForeignKey<ClaimEmbedding>(e => e.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.ModelVersion).HasMaxLength(200);
        builder.Property(e => e.Vector).HasColumnType("real[]");
    }
}
