using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Sources;

// One row per (source, claim) the source said something about: in any role of any report's chain, or in an imported
// assertion affirming or denying it. Kept by refresh_source_track_records in the transaction of every write that
// changes it (migration SourceClaimsIndex), so the claims of a busy source are an index range, not a walk of its chain
// links, reports and claims. A merged claim has none: its reports and assertions moved to the surviving claim.
public sealed class SourceClaim
{
    public Guid SourceId { get; private set; }
    public Guid ClaimId { get; private set; }
}

public sealed class SourceClaimConfiguration : IEntityTypeConfiguration<SourceClaim>
{
    public void Configure(EntityTypeBuilder<SourceClaim> builder) =>
        // Mapped as a view so EF never manages the table: its DDL and upkeep are hand-written.
        builder.HasNoKey().ToView("source_claims");
}
