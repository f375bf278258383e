using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Scoring;

// Which run readers see: one row, switched in the same transaction that marks a run succeeded.
public sealed class ScoringState
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public Guid? CurrentRunId { get; private set; }
}

public sealed class ScoringStateConfiguration : IEntityTypeConfiguration<ScoringState>
{
    public void Configure(EntityTypeBuilder<ScoringState> builder)
    {
        builder.ToTable("scoring_state", t => t.HasCheckConstraint("ck_scoring_state_singleton", "id = 1"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<ScoringRun>().WithMany().HasForeignKey(s => s.CurrentRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasData(new { Id = ScoringState.SingletonId });
    }
}
