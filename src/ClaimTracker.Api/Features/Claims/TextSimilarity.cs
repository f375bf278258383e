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

    // How many candidates each index stage hands to the full score: far more than any answer's limit (at most
    // ClaimSimilarity.MaxLimit), few enough that scoring them stays a few milliseconds.
    public const int CandidatePool = 50;

    // How many claims sharing a lexeme with the text are ranked for the lexeme pool.
    public const int LexemeMatches = 2000;

    public string Name => MethodName;

    public async Task<IReadOnlyList<ScoredClaim>> ScoreAsync(string text, string? language, int limit, Guid? excludeClaimId, CancellationToken ct)
    {
        // Two stages, so that a query costs about the same with a million claims sharing its words as with ten: a pool
        // of candidates the indexes answer cheaply, then the full score for the pool only. Trigrams: the statements
        // nearest by trigram distance, read in order from the GiST index. Lexemes (with a language): claims whose search
        // text shares a lexeme, at most LexemeMatches of them ranked (a common word matches a large share of all claims;
        // ranking them all would be a scan).
        var rows = await db.Database.SqlQueryRaw<Row>(Sql(new Parameters("{0}", "{1}", "{2}", "{3}")),
            text, language!, excludeClaimId!, limit).ToListAsync(ct);
        return rows.Select(r => new ScoredClaim(r.ClaimId, r.Statement, Math.Clamp(r.Score, 0, 1), r.FirstReportedAt)).ToList();
    }

    // The placeholders of the query's parameters: "{0}"… for EF's SqlQueryRaw, "$1"… for raw Npgsql (the benchmark's
    // baseline runs the same query, tests/ClaimTracker.Baseline). Text and language are text, exclude a uuid or null,
    // limit an integer; the columns are claim_id, statement, first_reported_at and score.
    public sealed record Parameters(string Text, string Language, string Exclude, string Limit);

    private static readonly string Weight = TrigramWeight.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Sql(Parameters p) => $"""
        WITH trigram AS (
            SELECT c.id FROM claims c
            WHERE c.merged_into_id IS NULL AND c.id IS DISTINCT FROM {p.Exclude}::uuid
            ORDER BY c.statement <-> {p.Text}
            LIMIT {CandidatePool}),
        -- With a language the query is one tsquery, which the GIN index on tsv answers. Without one there is no
        -- stemmer to choose and no index to use (each claim would need the text parsed in its own configuration, a
        -- scan of every claim): the trigram candidates alone, scored below in each claim's own configuration.
        -- MATERIALIZED: inlined, the tsquery would be built again for every row the filter tests (200 ms at 2,000 rows).
        query AS MATERIALIZED (
            SELECT nullif(replace(replace(plainto_tsquery(search_config({p.Language}::text), {p.Text})::text,
                '<->', '|'), '&', '|'), '')::tsquery AS q WHERE {p.Language}::text IS NOT NULL),
        matches AS (
            SELECT s.claim_id, s.tsv, k.q FROM claim_search s, query k
            WHERE s.tsv @@ k.q AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
            LIMIT {LexemeMatches}),
        lexemes AS (
            SELECT m.claim_id AS id FROM matches m
            WHERE NOT EXISTS (SELECT 1 FROM claims x WHERE x.id = m.claim_id AND x.merged_into_id IS NOT NULL)
            ORDER BY ts_rank_cd(m.tsv, m.q) DESC, m.claim_id
            LIMIT {CandidatePool}),
        pool AS (SELECT id FROM trigram UNION SELECT id FROM lexemes),
        -- The text's lexemes, once (with a language; else in each candidate's own configuration below).
        text_lexemes AS (
            SELECT tsvector_to_array(to_tsvector(search_config({p.Language}::text), {p.Text})) AS b WHERE {p.Language}::text IS NOT NULL)
        SELECT c.id AS claim_id, c.statement, c.first_reported_at,
               {Weight} * similarity(c.statement, {p.Text})
               + (1 - {Weight}) * coalesce(o.shared::float8 / nullif(cardinality(l.a) + cardinality(l.b) - o.shared, 0), 0) AS score
        FROM pool p
        JOIN claims c ON c.id = p.id
        JOIN claim_search s ON s.claim_id = c.id
        CROSS JOIN LATERAL (SELECT CASE WHEN {p.Language}::text IS NULL THEN s.config::regconfig ELSE search_config({p.Language}::text) END AS cfg) k
        -- tsvector_to_array lists each lexeme once, so |a ∩ b| counts a's lexemes found in b, and |a ∪ b| = |a| + |b| - |a ∩ b|.
        CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector(k.cfg, c.statement)) AS a,
                                   coalesce((SELECT b FROM text_lexemes), tsvector_to_array(to_tsvector(k.cfg, {p.Text}))) AS b) l
        CROSS JOIN LATERAL (SELECT count(*) AS shared FROM unnest(l.a) x WHERE x = ANY (l.b)) o
        ORDER BY score DESC, c.id
        LIMIT {p.Limit}
        """;

    private sealed record Row(Guid ClaimId, string Statement, DateTimeOffset FirstReportedAt, double Score);
}
