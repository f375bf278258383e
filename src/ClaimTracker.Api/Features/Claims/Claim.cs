using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outcome = ClaimTracker.Scoring.Outcome;

namespace ClaimTracker.Api.Features.Claims;

// The first five follow from the evidence; the others are a fact-checker's resolution, which overrides it.
// Superseded: true when it was said, until a time after which it no longer held ("the Kremlin refused to confirm any
// meeting" - then announced it that afternoon).
public enum ClaimStatus { Unverified, Confirmed, PartlyConfirmed, Contradicted, Disputed, True, False, Mixed, Unresolvable, Superseded }

public enum Resolution { True, False, Mixed, Unresolvable, Superseded }

public sealed class Claim
{
    public const int MaxStatementLength = 1000;

    private readonly List<Report> _reports = [];
    private readonly List<Evidence> _evidence = [];
    private readonly List<StatusChange> _history = [];
    private readonly List<ClaimParty> _parties = [];

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

    // For a superseded claim: until when it held, and the evidence that superseded it (if recorded).
    public DateTimeOffset? TrueUntil { get; private set; }
    public Guid? SupersededBy { get; private set; }

    // A claim folded into another (MergeClaim): its reports, evidence and history live on there, and its id redirects.
    public Guid? MergedIntoId { get; private set; }

    public IReadOnlyList<Report> Reports => _reports;
    public IReadOnlyList<Evidence> Evidence => _evidence;
    public IReadOnlyList<StatusChange> History => _history;
    public IReadOnlyList<ClaimParty> Parties => _parties;

    public static readonly ClaimStatus[] Resolutions =
        [ClaimStatus.True, ClaimStatus.False, ClaimStatus.Mixed, ClaimStatus.Unresolvable, ClaimStatus.Superseded];

    public bool IsResolved => Resolutions.Contains(Status);

    public static Claim Record(
        string statement, IEnumerable<string> topics, Guid? questionId, Report firstReport, DateTimeOffset now,
        IEnumerable<Guid>? parties = null)
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
        claim._parties.AddRange((parties ?? []).Distinct().Select(id => new ClaimParty(id, now)));
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

    // Status rule (README "Claim status"): only conclusive evidence that takes a side decides, and interested evidence
    // (its origin is one of the claim's parties, or speaks for one) only when no independent evidence decides.
    // `interestedOrigins` is the set of sources that speak for the claim's parties (ClaimParties.InterestedOriginsAsync).
    public void AddEvidence(Evidence evidence, IReadOnlySet<Guid> interestedOrigins, DateTimeOffset now)
    {
        if (IsResolved)
            throw new ConflictException(
                $"The claim is resolved as '{SnakeCase.Name(Status)}'. Reopen it before adding evidence.");
        _evidence.Add(evidence);
        Touch(now);
        var status = StatusFromEvidence(interestedOrigins);
        if (status != Status)
            MoveTo(status, $"Conclusive evidence that {SnakeCase.Name(evidence.Stance).Replace('_', ' ')} the claim.", evidence.Id, now);
    }

    // Naming other parties changes which evidence is interested, so an unresolved claim's status is worked out again.
    public void NameParties(IEnumerable<Guid> parties, IReadOnlySet<Guid> interestedOrigins, DateTimeOffset now)
    {
        _parties.Clear();
        _parties.AddRange(parties.Distinct().Select(id => new ClaimParty(id, now)));
        InterestChanged(interestedOrigins, "The claim's parties changed, and with them which evidence is interested.", now);
    }

    // Which evidence is interested changed (other parties, or a source joined or left a party through memberOf): the
    // claim reads differently, and an unresolved claim's status is worked out again.
    public void InterestChanged(IReadOnlySet<Guid> interestedOrigins, string reason, DateTimeOffset now)
    {
        Touch(now);
        if (IsResolved) return;
        var status = StatusFromEvidence(interestedOrigins);
        if (status != Status) MoveTo(status, reason, null, now);
    }

    // trueUntil (required for Superseded, checked by the validator) and supersededBy belong to a superseded claim only.
    public void Resolve(Resolution resolution, string reason, DateTimeOffset now, DateTimeOffset? trueUntil = null, Guid? supersededBy = null)
    {
        var status = StatusOf(resolution);
        trueUntil = resolution == Resolution.Superseded ? trueUntil?.ToUniversalTime() : null;
        supersededBy = resolution == Resolution.Superseded ? supersededBy : null;
        if (Status == status && (TrueUntil, SupersededBy) == (trueUntil, supersededBy))
            throw new ConflictException($"The claim is already resolved as '{SnakeCase.Name(status)}'.");
        if (supersededBy is { } id && _evidence.All(e => e.Id != id))
            throw new MissingReferenceException("supersededBy", $"Claim {Id} has no evidence {id}: add the superseding evidence first.");
        TrueUntil = trueUntil;
        SupersededBy = supersededBy;
        Touch(now);
        MoveTo(status, reason.Trim(), supersededBy, now);
    }

    public void Reopen(string reason, IReadOnlySet<Guid> interestedOrigins, DateTimeOffset now)
    {
        if (!IsResolved) throw new ConflictException("The claim is not resolved, so there is nothing to reopen.");
        TrueUntil = null;
        SupersededBy = null;
        Touch(now);
        MoveTo(StatusFromEvidence(interestedOrigins), reason.Trim(), null, now);
    }

    // After MergeClaim moved the other claim's rows here: the merge is in this claim's history, and an unresolved claim's
    // status is worked out again from the evidence it now holds. A resolution stands (a fact-checker decided it).
    public void Absorb(Claim merged, DateTimeOffset firstReportedAt, IReadOnlySet<Guid> interestedOrigins, DateTimeOffset now)
    {
        if (firstReportedAt < FirstReportedAt) FirstReportedAt = firstReportedAt;
        Touch(now);
        _history.Add(new StatusChange(Status, Status, $"Merged claim {merged.Id} (\"{Truncate(merged.Statement, 300)}\") into this claim.", null, now));
        if (IsResolved) return;
        var status = StatusFromEvidence(interestedOrigins);
        if (status != Status) MoveTo(status, $"The evidence of merged claim {merged.Id} changed the status.", null, now);
    }

    public void MarkMergedInto(Guid targetId, DateTimeOffset now)
    {
        MergedIntoId = targetId;
        Touch(now);
        _history.Add(new StatusChange(Status, Status, $"Merged into claim {targetId}: its reports, evidence and history moved there.", null, now));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    // Independent evidence decides when there is any. Interested evidence decides only without it, and only when it
    // agrees with itself: a party's self-serving denial is never by itself enough to make a claim disputed.
    private ClaimStatus StatusFromEvidence(IReadOnlySet<Guid> interestedOrigins)
    {
        var settling = _evidence.Where(e => e.Settles).ToList();
        var independent = settling.Where(e => !interestedOrigins.Contains(e.OriginId)).Select(e => e.Stance).ToHashSet();
        if (independent.Count > 0) return StatusOf(independent);
        var interested = settling.Select(e => e.Stance).ToHashSet();
        var status = StatusOf(interested);
        return status == ClaimStatus.Disputed ? ClaimStatus.Unverified : status;
    }

    // Confirms and partly confirms agree that the claim is at least partly true; only a contradiction disputes it.
    private static ClaimStatus StatusOf(IReadOnlySet<Stance> stances) =>
        (stances.Contains(Stance.Confirms), stances.Contains(Stance.PartlyConfirms), stances.Contains(Stance.Contradicts)) switch
        {
            (false, false, false) => ClaimStatus.Unverified,
            (_, _, true) when stances.Count > 1 => ClaimStatus.Disputed,
            (false, false, true) => ClaimStatus.Contradicted,
            (true, false, false) => ClaimStatus.Confirmed,
            _ => ClaimStatus.PartlyConfirmed,
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
        // A superseded claim was right when made: what was said up to TrueUntil counts as said of a true claim
        // (ScoringData leaves out what was said after it).
        ClaimStatus.Confirmed or ClaimStatus.True or ClaimStatus.Superseded => Outcome.True,
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
        // GET /claims (and the ClaimReview feed) page by (key, id) in either direction. statement has no such index: a
        // 1,000-character statement can exceed a btree entry's 2.7 kB.
        builder.HasIndex(c => new { c.FirstReportedAt, c.Id });
        builder.HasIndex(c => new { c.UpdatedAt, c.Id });
        builder.HasIndex(c => c.Topics).HasMethod("gin");
        builder.HasIndex(c => c.Statement).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_claims_statement_trgm");
        // The similar-claims lookup's nearest statements by trigram distance (ORDER BY statement <-> text LIMIT n): GiST
        // answers that from the index, where GIN must score every statement sharing a trigram with the text.
        builder.HasIndex(c => c.Statement, "ix_claims_statement_trgm_gist").HasMethod("gist").HasOperators("gist_trgm_ops").HasDatabaseName("ix_claims_statement_trgm_gist");

        builder.HasOne(c => c.Question).WithMany().HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.StatementKey).HasComputedColumnSql("claim_key(statement)", stored: true);
        builder.HasIndex(c => new { c.QuestionId, c.StatementKey });
        builder.HasOne<Claim>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.MergedIntoId);
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
        builder.OwnsMany(c => c.Parties, parties => parties.MapParties());
        builder.Navigation(c => c.Parties).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
