using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Sources;

// Read from source_track_record_counts, which triggers keep current in the transaction of every write that changes
// a source's record (migration IncrementalTrackRecords); the view source_track_records_recomputed is the definition
// those counts must equal, and the tests compare the two. Each claim a source carried
// counts once, however many reports it appears in: as originated if the source was its origin in any report,
// as relayed otherwise. An imported assertion affirming a claim counts as a report its source originated; a denial
// is not counted (migration AssertionsInTrackRecords). Outcomes follow the claim's status; a fact-checker's resolution counts like the
// evidence would (true = confirmed, false = contradicted, mixed = partly confirmed).
// Accuracy = (confirmed + ½ partly confirmed) / (confirmed + partly confirmed + contradicted); that
// denominator is the sample size. Disputed, pending and unresolvable claims are not scored.
public sealed class SourceTrackRecord
{
    public Guid SourceId { get; private set; }
    public int Originated { get; private set; }
    public int Relayed { get; private set; }
    public int Confirmed { get; private set; }
    public int PartlyConfirmed { get; private set; }
    public int Contradicted { get; private set; }
    public int Disputed { get; private set; }
    public int Pending { get; private set; }
    public int Unresolvable { get; private set; }
    public double? Accuracy { get; private set; }
    public int SampleSize { get; private set; }
}

public sealed class SourceTrackRecordConfiguration : IEntityTypeConfiguration<SourceTrackRecord>
{
    public void Configure(EntityTypeBuilder<SourceTrackRecord> builder) =>
        // Mapped as a view so EF never manages the table: its DDL, generated columns and triggers are hand-written.
        builder.HasNoKey().ToView("source_track_record_counts");
}

public sealed record TrackRecordResponse(
    int Originated, int Relayed, int Confirmed, int PartlyConfirmed, int Contradicted,
    int Disputed, int Pending, int Unresolvable, double? Accuracy, int SampleSize);
