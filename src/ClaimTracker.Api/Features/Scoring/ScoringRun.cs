using System.Text.Json;
using ClaimTracker.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Scoring;

public enum RunTrigger { Manual, Schedule, CommandLine }

public enum RunStatus { Queued, Running, Succeeded, Failed }

// One re-scoring of every source and unresolved claim. Its results become visible all at once, when the run
// succeeds and scoring_state points at it; a run that stops half-way leaves the previous results in place.
public sealed class ScoringRun
{
    private ScoringRun() { }

    public ScoringRun(RunTrigger trigger, DateTimeOffset? scheduledFor, ScoringParameters parameters, string host, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Trigger = trigger;
        ScheduledFor = scheduledFor;
        Parameters = parameters;
        AsOf = now;
        Host = host;
        Status = RunStatus.Queued;
        Stage = "queued";
        RequestedAt = now;
    }

    public Guid Id { get; private set; }
    public RunTrigger Trigger { get; private set; }
    // The schedule tick this run is for: unique, so that of several API instances only one starts it.
    public DateTimeOffset? ScheduledFor { get; private set; }
    public RunStatus Status { get; private set; }
    public string Stage { get; private set; } = "";
    public long Done { get; private set; }
    public long Total { get; private set; }
    // Every parameter the run scores with, and the time outcomes decay to (its request time).
    public ScoringParameters Parameters { get; private set; } = new();
    public DateTimeOffset AsOf { get; private set; }
    public RunSummary? Summary { get; private set; }
    public string? Error { get; private set; }
    public string Host { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public long? DurationMs { get; private set; }
}

public sealed class RunSummary
{
    public int Sources { get; set; }
    public int Claims { get; set; }
    public long Votes { get; set; }
    public int UnresolvedClaims { get; set; }
    public int Iterations { get; set; }
    public bool Converged { get; set; }
    public double LastChange { get; set; }
    public double PriorAlpha { get; set; }
    public double PriorBeta { get; set; }
    public double BaseRate { get; set; }
    public int CopyGroups { get; set; }
    public long ReadMs { get; set; }
    public long ScoreMs { get; set; }
    public long WriteMs { get; set; }
}

// Which run readers see: one row, switched in the same transaction that marks a run succeeded.
public sealed class ScoringState
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public Guid? CurrentRunId { get; private set; }
}

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

public sealed class ClaimEstimate
{
    public Guid RunId { get; private set; }
    public Guid ClaimId { get; private set; }
    public double Probability { get; private set; }
    public double AffirmWeight { get; private set; }
    public double DenyWeight { get; private set; }

    // The explanation: the strongest pushes on the estimate, one per source group, as parallel arrays (entry i of each
    // is one push). A run writes one for every open claim; typed arrays go through COPY in binary, where JSON would
    // have to be parsed by the database row by row.
    public List<Guid> PushSources { get; private set; } = [];
    public List<bool> PushAffirms { get; private set; } = [];
    public List<double> PushWeights { get; private set; } = [];
    public List<double> PushReliabilities { get; private set; } = [];
    public List<double> PushLogOdds { get; private set; } = [];
    public List<bool> PushShared { get; private set; } = [];
}

public sealed class ScoringRunConfiguration : IEntityTypeConfiguration<ScoringRun>
{
    // The parameters as the library names them (PascalCase), whole: a run's record says everything it scored with.
    private static readonly JsonSerializerOptions StoredJson = new();

    public void Configure(EntityTypeBuilder<ScoringRun> builder)
    {
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.Stage).HasMaxLength(50);
        builder.Property(r => r.Host).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.HasIndex(r => r.ScheduledFor).IsUnique();
        builder.HasIndex(r => r.RequestedAt);
        builder.HasIndex(r => r.Status);
        builder.Property(r => r.Parameters).HasColumnType("jsonb")
            .HasConversion(p => JsonSerializer.Serialize(p, StoredJson), json => JsonSerializer.Deserialize<ScoringParameters>(json, StoredJson)!);
        builder.OwnsOne(r => r.Summary, s => s.ToJson());
    }
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

public sealed class ClaimEstimateConfiguration : IEntityTypeConfiguration<ClaimEstimate>
{
    public void Configure(EntityTypeBuilder<ClaimEstimate> builder)
    {
        builder.HasKey(e => new { e.RunId, e.ClaimId });

    }
}
