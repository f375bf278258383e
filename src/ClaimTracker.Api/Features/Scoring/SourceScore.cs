using ClaimTracker.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Scoring;

public sealed class SourceScore
{
    public Guid RunId { get; private set; }
    public Guid SourceId { get; private set; }
    public double Mean { get; private set; }
    public double Lower { get; private set; }
    public double Upper { get; private set; }
    public double Alpha { get; private set; }
    public double Beta { get; private set; }
    public double EffectiveSamples { get; private set; }
    public double? Brier { get; private set; }
    public double? LogScore { get; private set; }
    public int ScoredReports { get; private set; }
    public Band Band { get; private set; }
    public List<CalibrationRow> Calibration { get; private set; } = [];
}

// Stated versus observed, for one probability bin ("0.6-0.7") or one hedge term ("appears").
public sealed class CalibrationRow
{
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public double Stated { get; set; }
    public double Observed { get; set; }
    public int Count { get; set; }
}

public sealed class SourceScoreConfiguration : IEntityTypeConfiguration<SourceScore>
{
    public void Configure(EntityTypeBuilder<SourceScore> builder)
    {
        // Results are written in bulk by COPY, for every source at every run: no foreign keys to check row by row.
        // They name the run, source and claim by id; nothing deletes those.
        builder.HasKey(s => new { s.RunId, s.SourceId });
        builder.HasIndex(s => s.SourceId);
        builder.Property(s => s.Band).HasMaxLength(1);
        builder.OwnsMany(s => s.Calibration, c => c.ToJson());
    }
}
