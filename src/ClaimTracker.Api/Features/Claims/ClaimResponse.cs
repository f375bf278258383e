using System.Linq.Expressions;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Api.Features.Claims;

public sealed record ClaimResponse(
    Guid Id,
    string Statement,
    string? Question,
    IReadOnlyList<string> Topics,
    ClaimStatus Status,
    bool Resolved,
    DateTimeOffset FirstReportedAt,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ClaimResponse.ReportItem> Reports,
    IReadOnlyList<ClaimResponse.EvidenceItem> Evidence,
    IReadOnlyList<ClaimResponse.HistoryItem> History,
    IReadOnlyList<SourceLink> Parties) : IVersioned
{
    // A superseded claim: until when it held, and the evidence that superseded it.
    public DateTimeOffset? TrueUntil { get; init; }
    public Guid? SupersededBy { get; init; }

    // Set on a merged claim only, which GET /claims/{id} answers with a redirect to it.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? MergedIntoId { get; init; }

    // Only in the answer to recording a claim: stored claims like it (RecordClaim).
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SimilarClaim>? Similar { get; init; }

    // What a reader should check: evidence dated before the claim's first report.
    public IReadOnlyList<string> Warnings { get; init; } = [];

    // Source reliability and information credibility, as intelligence analysts grade a report (AdmiraltyCode).
    public AdmiraltyCode? Admiralty { get; init; }

    public sealed record LinkItem(int Position, ChainRole Role, SourceLink Source);

    public sealed record CueItem(
        string Phrase, string Scale, CueCategory Category, double Probability, bool Negated, bool Quoted,
        string MatchedText, int Start, int Length, CueOrigin FoundIn);

    public sealed record ReportItem(
        Guid Id, ArticleLink Article, string Quote, IReadOnlyList<LinkItem> Chain, IReadOnlyList<string> HedgeWords,
        IReadOnlyList<string> UnknownHedgeWords, IReadOnlyList<CueItem> Cues, double? StatedConfidence, string ConfidenceRule,
        int LexiconVersion, DateTimeOffset ReportedAt);

    public sealed record EvidenceItem(
        Guid Id, ArticleLink Article, Stance Stance, bool Conclusive, string? Quote, string? Note,
        IReadOnlyList<LinkItem> Chain, DateTimeOffset ObservedAt, DateTimeOffset CreatedAt, bool Interested)
    {
        // Dated before the claim's first report: later reporting cannot settle what was not yet said (a typo in a
        // date, or an article about an earlier event). Kept, and flagged here and in the claim's warnings.
        public bool BeforeFirstReport { get; init; }
    }

    public sealed record HistoryItem(ClaimStatus? From, ClaimStatus To, string Reason, Guid? EvidenceId, DateTimeOffset ChangedAt);
}

public static class ClaimQueries
{
    // Locks the claim's row for the rest of the transaction, then loads it with what its rules need.
    public static async Task<Claim?> LockClaimAsync(this ClaimTrackerDbContext db, Guid id, CancellationToken ct)
    {
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM claims WHERE id = {id} FOR UPDATE")
            .ToListAsync(ct);
        if (locked.Count == 0) return null;
        return RefuseMerged(await db.Claims.Include(c => c.Evidence).SingleAsync(c => c.Id == id, ct));
    }

    // Locks the statement's key (in its question) for the rest of the transaction, then finds the claim that already
    // states it: the oldest, if an earlier version of ClaimTracker let duplicates in. A merged claim's statement stands
    // for the claim it was merged into (a merge never runs across questions, so that claim is in the same one).
    public static async Task<Guid?> LockStatementAsync(this ClaimTrackerDbContext db, string statement, Guid? questionId, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        AddStatementLock(batch, statement, questionId);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadStatementLockAsync(reader, ct);
    }

    // The lock and the lookup as two statements of a caller's batch (one round trip): the lookup, a statement of its
    // own, takes its snapshot after the lock is held, so it sees the claim of a request that held the lock before.
    public static void AddStatementLock(NpgsqlBatch batch, string statement, Guid? questionId)
    {
        var question = questionId?.ToString() ?? "";
        batch.Add(Batches.Command($"SELECT pg_advisory_xact_lock(hashtextextended(claim_key({statement}) || '/' || {question}, 7))"));
        batch.Add(questionId is { } id
            ? Batches.Command($"""
                SELECT coalesce(merged_into_id, id) FROM claims WHERE question_id = {id} AND statement_key = claim_key({statement})
                ORDER BY merged_into_id IS NOT NULL, created_at, id LIMIT 1
                """)
            : Batches.Command($"""
                SELECT coalesce(merged_into_id, id) FROM claims WHERE question_id IS NULL AND statement_key = claim_key({statement})
                ORDER BY merged_into_id IS NOT NULL, created_at, id LIMIT 1
                """));
    }

    // Reads the two results of AddStatementLock and moves the reader past them.
    public static async Task<Guid?> ReadStatementLockAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.NextResultAsync(ct);
        Guid? found = await reader.ReadAsync(ct) ? reader.GetGuid(0) : null;
        await reader.NextResultAsync(ct);
        return found;
    }

    // A merged claim takes no more writes: they belong to the claim it was merged into.
    private static Claim RefuseMerged(Claim claim) => claim.MergedIntoId is { } target
        ? throw new ConflictException($"Claim {claim.Id} was merged into claim {target}: write to /claims/{target} instead.")
        : claim;

    // For a change that names the version it read: null when there is no such claim, 409 when it is stale.
    public static async Task<Claim?> LoadForUpdateAsync(this ClaimTrackerDbContext db, Guid id, int expectedVersion, CancellationToken ct)
    {
        var claim = await db.Claims.Include(c => c.Evidence).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is not null) Versions.Expect(RefuseMerged(claim).Version, expectedVersion, "claim");
        return claim;
    }

    public static void AddReasonRule<T>(this AbstractValidator<T> validator, Func<T, string?> reason) =>
        validator.RuleFor(x => reason(x)).NotEmpty().MaximumLength(2000).OverridePropertyName("reason")
            .WithMessage("Say why, in at most 2000 characters: the history keeps it.");
}
