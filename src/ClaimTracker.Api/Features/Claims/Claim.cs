using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outcome = ClaimTracker.Scoring.Outcome;

namespace ClaimTracker.Api.Features.Claims;

// The first five follow from the evidence; the last four are a fact-checker's resolution, which overrides it.
public enum ClaimStatus { Unverified, Confirmed, PartlyConfirmed, Contradicted, Disputed, True, False, Mixed, Unresolvable }

public enum Resolution { True, False, Mixed, Unresolvable }

public sealed class Claim
{
    public const int MaxStatementLength = 1000;

    private readonly List<Report> _reports = [];
    private readonly List<Evidence> _evidence = [];
    private readonly List<StatusChange> _history = [];

    private Claim() { }

    public Guid Id { get; private set; }
    public string Statement { get; private set; } = "";
    // The statement as duplicates are found by, computed by the database (claim_key, see ClaimKeys): one question
    // holds one claim per key.
    public string StatementKey { get; private set; } = "";
    public List<string> Topics { get; private set; } = [];
    // The earliest report's time, kept on the claim so that lists can filter and sort on it with an index.
    public DateTimeOffset FirstReportedAt { get; private set; }
    public ClaimStatus Status { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    // Claims of one question are alternatives ("Where will Kim meet Putin?": Vladivostok, Vostochny): at most one is true.
    public Guid? QuestionId { get; private set; }
    public Question? Question { get; private set; }

    public IReadOnlyList<Report> Reports => _reports;
    public IReadOnlyList<Evidence> Evidence => _evidence;
    public IReadOnlyList<StatusChange> History => _history;

    public static readonly ClaimStatus[] Resolutions = [ClaimStatus.True, ClaimStatus.False, ClaimStatus.Mixed, ClaimStatus.Unresolvable];

    public bool IsResolved => Resolutions.Contains(Status);

    public static Claim Record(string statement, IEnumerable<string> topics, Guid? questionId, Report firstReport, DateTimeOffset now)
    {
        var claim = new Claim
        {
            Id = Guid.CreateVersion7(now),
            Statement = statement.Trim(),
            QuestionId = questionId,
            Topics = topics.Select(t => t.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList(),
            FirstReportedAt = firstReport.ReportedAt,
            Status = FirstStatus,
            Version = FirstVersion,
            CreatedAt = now,
            UpdatedAt = now,
        };
        claim._reports.Add(firstReport);
        claim._history.Add(new StatusChange(null, FirstStatus, "Recorded with its first report.", null, now));
        return claim;
    }

    // A claim keeps collecting appearances after it is resolved: an outlet repeating a settled claim is part of its record.
    public void AddReport(Report report, DateTimeOffset now)
    {
        _reports.Add(report);
        if (report.ReportedAt < FirstReportedAt) FirstReportedAt = report.ReportedAt;
        Touch(now);
    }

    // Status rule: only conclusive evidence decides. If all of it takes one stance, that stance is the status
    // (confirms -> confirmed, contradicts -> contradicted, partly confirms -> partly confirmed); if it takes
    // more than one, the claim is disputed; with none, it stays unverified.
    public void AddEvidence(Evidence evidence, DateTimeOffset now)
    {
        if (IsResolved)
            throw new ConflictException(
                $"The claim is resolved as '{SnakeCase.Name(Status)}'. Reopen it before adding evidence.");
        _evidence.Add(evidence);
        Touch(now);
        var status = StatusFromEvidence();
        if (status != Status)
            MoveTo(status, $"Conclusive evidence that {SnakeCase.Name(evidence.Stance).Replace('_', ' ')} the claim.", evidence.Id, now);
    }

    public void Resolve(Resolution resolution, string reason, DateTimeOffset now)
    {
        var status = StatusOf(resolution);
        if (Status == status) throw new ConflictException($"The claim is already resolved as '{SnakeCase.Name(status)}'.");
        Touch(now);
        MoveTo(status, reason.Trim(), null, now);
    }

    public void Reopen(string reason, DateTimeOffset now)
    {
        if (!IsResolved) throw new ConflictException("The claim is not resolved, so there is nothing to reopen.");
        Touch(now);
        MoveTo(StatusFromEvidence(), reason.Trim(), null, now);
    }

    private ClaimStatus StatusFromEvidence() =>
        _evidence.Where(e => e.Conclusive).Select(e => e.Stance).Distinct().ToList() switch
        {
            [] => ClaimStatus.Unverified,
            [Stance.Confirms] => ClaimStatus.Confirmed,
            [Stance.Contradicts] => ClaimStatus.Contradicted,
            [Stance.PartlyConfirms] => ClaimStatus.PartlyConfirmed,
            _ => ClaimStatus.Disputed,
        };

    private void MoveTo(ClaimStatus status, string reason, Guid? evidenceId, DateTimeOffset now)
    {
        _history.Add(new StatusChange(Status, status, reason, evidenceId, now));
        Status = status;
    }

    private void Touch(DateTimeOffset now)
    {
        Version += VersionStep;
        UpdatedAt = now;
    }

    // The rules the import applies too: its set-based SQL (ImportStaging) takes these as parameters instead of
    // restating them, and ImportClaimRulesTests compares the two paths row by row.
    public const ClaimStatus FirstStatus = ClaimStatus.Unverified;
    public const int FirstVersion = 1;
    public const int VersionStep = 1;

    public static ClaimStatus StatusOf(Resolution resolution) => Enum.Parse<ClaimStatus>(resolution.ToString());

    // How an import's changes read in a claim's history; `line` is the file's line number (or a placeholder for SQL).
    public static string ImportedReason(Guid importId, string line) => $"Imported (import {importId}, line {line}).";

    public static string ResolvedByImportReason(Resolution resolution, Guid importId, string line) =>
        $"Resolved as '{SnakeCase.Name(resolution)}' by import {importId}, line {line}.";

    // What a status says of the claim's truth, for scoring: a resolution, or conclusive evidence all of one stance.
    public static Outcome OutcomeOf(ClaimStatus status) => status switch
    {
        ClaimStatus.Confirmed or ClaimStatus.True => Outcome.True,
        ClaimStatus.Contradicted or ClaimStatus.False => Outcome.False,
        ClaimStatus.PartlyConfirmed or ClaimStatus.Mixed => Outcome.Partly,
        _ => Outcome.Unknown,
    };
}

public sealed class StatusChange
{
    private StatusChange() { }

    public StatusChange(ClaimStatus? from, ClaimStatus to, string reason, Guid? evidenceId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        From = from;
        To = to;
        Reason = reason;
        EvidenceId = evidenceId;
        ChangedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid ClaimId { get; private set; }
    public ClaimStatus? From { get; private set; }
    public ClaimStatus To { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid? EvidenceId { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
}

public sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.Property(c => c.Statement).HasMaxLength(Claim.MaxStatementLength);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Status);
        builder.HasIndex(c => c.FirstReportedAt);
        builder.HasIndex(c => c.UpdatedAt);
        builder.HasIndex(c => c.Topics).HasMethod("gin");
        builder.HasIndex(c => c.Statement).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_claims_statement_trgm");

        builder.HasOne(c => c.Question).WithMany().HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.StatementKey).HasComputedColumnSql("claim_key(statement)", stored: true);
        builder.HasIndex(c => new { c.QuestionId, c.StatementKey });
        builder.HasMany(c => c.Reports).WithOne().HasForeignKey(r => r.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Evidence).WithOne().HasForeignKey(e => e.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(c => c.History, history =>
        {
            history.ToTable("claim_status_changes");
            history.WithOwner().HasForeignKey(h => h.ClaimId);
            history.HasKey(h => h.Id);
            history.Property(h => h.Id).ValueGeneratedNever();
            history.Property(h => h.Reason).HasMaxLength(2000);
            history.Property(h => h.From).HasMaxLength(20);
            history.Property(h => h.To).HasMaxLength(20);
            history.HasIndex(h => new { h.ClaimId, h.ChangedAt });
        });
        builder.Navigation(c => c.Reports).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Evidence).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
