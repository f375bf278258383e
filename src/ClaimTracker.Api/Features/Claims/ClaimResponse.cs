using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

public sealed record ClaimResponse(
    Guid Id,
    string Statement,
    IReadOnlyList<string> Topics,
    ClaimStatus Status,
    bool Resolved,
    DateTimeOffset FirstReportedAt,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ClaimResponse.ReportItem> Reports,
    IReadOnlyList<ClaimResponse.EvidenceItem> Evidence,
    IReadOnlyList<ClaimResponse.HistoryItem> History)
{
    public sealed record LinkItem(int Position, ChainRole Role, SourceLink Source);

    public sealed record CueItem(
        string Phrase, string Scale, CueCategory Category, double Probability, bool Negated, bool Quoted,
        string MatchedText, int Start, int Length, CueOrigin FoundIn);

    public sealed record ReportItem(
        Guid Id, ArticleLink Article, string Quote, IReadOnlyList<LinkItem> Chain, IReadOnlyList<string> HedgeWords,
        IReadOnlyList<string> UnknownHedgeWords, IReadOnlyList<CueItem> Cues, double? StatedConfidence, string ConfidenceRule,
        DateTimeOffset ReportedAt);

    public sealed record EvidenceItem(
        Guid Id, ArticleLink Article, Stance Stance, bool Conclusive, string? Quote, string? Note,
        IReadOnlyList<LinkItem> Chain, DateTimeOffset ObservedAt, DateTimeOffset CreatedAt);

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
        return await db.Claims.Include(c => c.Evidence).SingleAsync(c => c.Id == id, ct);
    }

    public static async Task<ClaimResponse?> ReadClaimAsync(this ClaimTrackerDbContext db, Guid id, CancellationToken ct)
    {
        var claim = await db.Claims.AsNoTracking().AsSplitQuery()
            .Include(c => c.Reports).ThenInclude(r => r.Article).ThenInclude(a => a.Publisher)
            .Include(c => c.Evidence).ThenInclude(e => e.Article).ThenInclude(a => a.Publisher)
            .SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return null;

        var sourceIds = claim.Reports.SelectMany(r => r.Chain).Concat(claim.Evidence.SelectMany(e => e.Chain))
            .Select(l => l.SourceId).Distinct().ToList();
        var sources = await db.Sources.AsNoTracking().Where(s => sourceIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new SourceLink(s.Id, s.Slug, s.Name), ct);

        List<ClaimResponse.LinkItem> Chain(IEnumerable<ChainLink> links) =>
            links.OrderBy(l => l.Position).Select(l => new ClaimResponse.LinkItem(l.Position, l.Role, sources[l.SourceId])).ToList();
        static ArticleLink Link(Article a) => new(a.Id, a.Url, a.Title, a.Publisher.Name, a.PublishedAt);

        return new ClaimResponse(
            claim.Id, claim.Statement, claim.Topics, claim.Status, claim.IsResolved, claim.FirstReportedAt, claim.Version,
            claim.CreatedAt, claim.UpdatedAt,
            claim.Reports.OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).Select(r => new ClaimResponse.ReportItem(
                r.Id, Link(r.Article), r.Quote, Chain(r.Chain), r.HedgeWords, r.UnknownHedgeWords,
                r.Cues.Select(c => new ClaimResponse.CueItem(c.Phrase, c.Scale, c.Category, c.Probability, c.Negated, c.Quoted,
                    c.MatchedText, c.Start, c.Length, c.FoundIn)).ToList(),
                r.StatedConfidence, r.ConfidenceRule, r.ReportedAt)).ToList(),
            claim.Evidence.OrderBy(e => e.ObservedAt).ThenBy(e => e.Id).Select(e => new ClaimResponse.EvidenceItem(
                e.Id, Link(e.Article), e.Stance, e.Conclusive, e.Quote, e.Note, Chain(e.Chain), e.ObservedAt, e.CreatedAt)).ToList(),
            claim.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
                .Select(h => new ClaimResponse.HistoryItem(h.From, h.To, h.Reason, h.EvidenceId, h.ChangedAt)).ToList());
    }
}
