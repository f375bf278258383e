using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

// Trigram similarity of the statements (spelling, word forms, scripts without a text-search configuration) averaged
// with the Jaccard overlap of their full-text lexemes in the claim's language (stemmed, stop words out, word order
// ignored). Candidates come from the same indexes GET /claims/search uses: trigrams on the statement and the
// claim_search tsvector, queried for any of the text's lexemes.
public sealed class TextSimilarity(ClaimTrackerDbContext db) : ISimilarityMethod
{
    public const string MethodName = "text";

    // Weight of the trigram similarity; the lexeme overlap has the rest.
    public const double TrigramWeight = 0.5;

    public string Name => MethodName;

    public async Task<IReadOnlyList<ScoredClaim>> ScoreAsync(string text, string? language, int limit, Guid? excludeClaimId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT c.id AS claim_id, c.statement, c.first_reported_at,
                   {TrigramWeight} * similarity(c.statement, {text}) + (1 - {TrigramWeight}) * coalesce(
                       (SELECT count(*) FROM (SELECT unnest(l.a) INTERSECT SELECT unnest(l.b)) i)::float8
                       / nullif((SELECT count(*) FROM (SELECT unnest(l.a) UNION SELECT unnest(l.b)) u), 0), 0) AS score
            FROM claims c
            JOIN claim_search s ON s.claim_id = c.id
            CROSS JOIN LATERAL (SELECT CASE WHEN {language}::text IS NULL THEN s.config::regconfig ELSE search_config({language}::text) END AS cfg) k
            CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector(k.cfg, c.statement)) AS a,
                                       tsvector_to_array(to_tsvector(k.cfg, {text})) AS b) l
            WHERE c.merged_into_id IS NULL AND c.id IS DISTINCT FROM {excludeClaimId}::uuid
              AND (c.statement % {text}
                   OR s.tsv @@ nullif(replace(replace(plainto_tsquery(k.cfg, {text})::text, '<->', '|'), '&', '|'), '')::tsquery)
            ORDER BY score DESC, c.id
            LIMIT {limit}
            """).ToListAsync(ct);
        return rows.Select(r => new ScoredClaim(r.ClaimId, r.Statement, Math.Clamp(r.Score, 0, 1), r.FirstReportedAt)).ToList();
    }

    private sealed record Row(Guid ClaimId, string Statement, DateTimeOffset FirstReportedAt, double Score);
}
