using System.Text.Json;
using System.Text.Json.Serialization;
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
    // Questions whose top answers have exactly equal estimates: no estimate picks one of them.
    public int TiedQuestions { get; set; }
    // What a reader of the results should know: a run that stopped before converging, ties at the top of questions.
    public List<string>? Warnings { get; set; }
    public double PriorAlpha { get; set; }
    public double PriorBeta { get; set; }
    public double BaseRate { get; set; }
    public int CopyGroups { get; set; }
    public long ReadMs { get; set; }
    public long ScoreMs { get; set; }
    public long WriteMs { get; set; }
}

public sealed class ScoringRunConfiguration : IEntityTypeConfiguration<ScoringRun>
{
    // The parameters as the library names them (PascalCase), whole: a run's record says everything it scored with.
    // Enums by name, so the stored parameters read the way they are configured ("DecayReference": "NewestOutcome").
    private static readonly JsonSerializerOptions StoredJson = new() { Converters = { new JsonStringEnumConverter() } };

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
