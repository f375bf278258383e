using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Api.Features.Claims;

// Trigram similarity of the statements (spelling, word forms, scripts without a text-search configuration) averaged
// with the Jaccard overlap of their full-text lexemes in the claim's language (stemmed, stop words out, word order
// ignored). Candidates come from the claim_search tsvector index GET /claims/search uses, queried for the text's
// lexemes, rarest first; only when none shares a lexeme and no language was given, from the trigram GiST index.
public sealed class TextSimilarity(ClaimTrackerDbContext db) : ISimilarityMethod
{
    public const string MethodName = "text";

    // Weight of the trigram similarity; the lexeme overlap has the rest.
    public const double TrigramWeight = 0.5;

    // How many candidates each index stage hands to the full score: far more than any answer's limit (at most
    // ClaimSimilarity.MaxLimit), few enough that scoring them stays a few milliseconds.
    public const int CandidatePool = 50;

    // How many claims sharing lexemes with the text are read and ranked for the pools: each costs a heap read, a
    // ts_rank_cd and a trigram similarity (2,000 took 170 ms at 100k claims), and the tiers put the likeliest first.
    public const int LexemeMatches = 300;

    // How many claims the OR tier's lexemes may hold together (by the statistics), rarest first: the bitmap of the claims
    // holding any of them is built whole before the first row is read (47,000 claims took 80 ms at 1M claims). A lexeme
    // in more claims than this is common.
    public const int RareDocs = 5_000;

    public string Name => MethodName;

    public async Task<IReadOnlyList<ScoredClaim>> ScoreAsync(string text, string? language, int limit, Guid? excludeClaimId, CancellationToken ct)
    {
        // Two stages, so that a query costs about the same with a million claims sharing its words as with ten: a pool
        // of candidates the indexes answer cheaply, then the full score for the pool only. With a language, at most
        // LexemeMatches claims whose search text shares the text's lexemes (the most specific tier that finds a pool:
        // all lexemes, the two rarest, any rare one, the two rarest common ones), ranked once by ts_rank_cd and once by
        // trigram similarity. Without a language the same in each configuration in use; only when no claim shares a
        // lexeme, the statements nearest by trigram distance, read in order from the GiST index.
        var rows = await db.Database.SqlQueryRaw<Row>(Sql(new Parameters("{0}", "{1}", "{2}", "{3}")),
            text, language!, excludeClaimId!, limit).ToListAsync(ct);
        return rows.Select(r => new ScoredClaim(r.ClaimId, r.Statement, Math.Clamp(r.Score, 0, 1), r.FirstReportedAt)).ToList();
    }

    // The same query as a statement of a caller's batch (RecordClaim sends it with its other lookups).
    public static NpgsqlBatchCommand BatchCommand(string text, string? language, int limit, Guid? excludeClaimId) =>
        Batches.Raw(BatchSql, text, language, excludeClaimId, limit);

    // Reads BatchCommand's rows and moves the reader to the batch's next result.
    public static async Task<IReadOnlyList<ScoredClaim>> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var scored = new List<ScoredClaim>();
        while (await reader.ReadAsync(ct))
            scored.Add(new ScoredClaim(reader.GetGuid(0), reader.GetString(1), Math.Clamp(reader.GetDouble(3), 0, 1),
                reader.GetFieldValue<DateTimeOffset>(2)));
        await reader.NextResultAsync(ct);
        return scored;
    }

    // The placeholders of the query's parameters: "{0}"… for EF's SqlQueryRaw, "$1"… for raw Npgsql (the benchmark's
    // baseline runs the same query, tests/ClaimTracker.Baseline). Text and language are text, exclude a uuid or null,
    // limit an integer; the columns are claim_id, statement, first_reported_at and score.
    public sealed record Parameters(string Text, string Language, string Exclude, string Limit);

    private static readonly string Weight = TrigramWeight.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // After Weight: static fields are initialised in the order they are written.
    private static readonly string BatchSql = Sql(new Parameters("{0}", "{1}", "{2}", "{3}"));

    public static string Sql(Parameters p) => $"""
        -- Candidates come from the GIN index on tsv, queried with the text's lexemes in tiers, rarest words first: all
        -- lexemes (AND); the two rarest (AND); any of the rarest (OR over those in at most RareDocs claims together); the two rarest of
        -- the common ones (AND). Each tier runs only while the tiers before it found fewer than a pool. Rarity comes from
        -- the planner's statistics of claim_search.tsv (ANALYZE keeps the most common lexemes, about a thousand, with the
        -- share of rows holding each; one that is not listed is rarer than every listed one and counts as 0), so no tier
        -- builds the bitmap of a word that a quarter of all claims share: an OR over one took 220 ms at 1M claims.
        -- Without a language the text is parsed in each configuration in use (a loose scan of ix_claim_search_language,
        -- as GET /claims/search does) and each configuration's claims are searched with its own lexemes. MATERIALIZED:
        -- inlined, the tsqueries would be built again for every row tested.
        WITH RECURSIVE languages AS (
            SELECT min(language) AS language FROM claim_search WHERE {p.Language}::text IS NULL
            UNION ALL
            SELECT (SELECT min(s.language) FROM claim_search s WHERE s.language > l.language)
            FROM languages l WHERE l.language IS NOT NULL),
        configs AS (
            SELECT search_config(language) AS cfg FROM languages WHERE language IS NOT NULL
            UNION SELECT search_config({p.Language}::text) WHERE {p.Language}::text IS NOT NULL),
        common AS MATERIALIZED (
            SELECT e.lexeme, e.share * greatest(c.reltuples, 0) AS docs
            FROM pg_class c
            JOIN pg_stats s ON s.schemaname = c.relnamespace::regnamespace::text AND s.tablename = c.relname AND s.attname = 'tsv'
            CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(lexeme, share)
            WHERE c.oid = 'claim_search'::regclass AND e.lexeme IS NOT NULL),
        terms AS MATERIALIZED (
            SELECT g.cfg, t.quoted, t.docs, t.docs > {RareDocs} AS is_common,
                   row_number() OVER (PARTITION BY g.cfg ORDER BY t.docs, length(t.lexeme) DESC, t.lexeme) AS rarity,
                   sum(t.docs) OVER (PARTITION BY g.cfg ORDER BY t.docs, length(t.lexeme) DESC, t.lexeme) AS docs_so_far,
                   row_number() OVER (PARTITION BY g.cfg, t.docs > {RareDocs} ORDER BY t.docs, length(t.lexeme) DESC, t.lexeme) AS rarity_in_class
            FROM configs g
            CROSS JOIN LATERAL (
                SELECT l.lexeme, coalesce(m.docs, 0) AS docs, '''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || '''' AS quoted
                FROM unnest(tsvector_to_array(to_tsvector(g.cfg, {p.Text}))) l(lexeme)
                LEFT JOIN common m ON m.lexeme = l.lexeme) t),
        query AS MATERIALIZED (
            SELECT CASE WHEN {p.Language}::text IS NULL THEN cfg::text END AS config,
                   string_agg(quoted, ' & ')::tsquery AS every,
                   string_agg(quoted, ' & ') FILTER (WHERE rarity <= 2)::tsquery AS rarest,
                   string_agg(quoted, ' | ') FILTER (WHERE docs_so_far <= {RareDocs})::tsquery AS rare,
                   CASE WHEN count(*) FILTER (WHERE is_common) >= 2
                        THEN string_agg(quoted, ' & ') FILTER (WHERE is_common AND rarity_in_class <= 2)::tsquery END AS common_pair,
                   string_agg(quoted, ' | ')::tsquery AS q
            FROM terms GROUP BY cfg),
        every_match AS MATERIALIZED (
            SELECT m.* FROM query k CROSS JOIN LATERAL (
                SELECT s.claim_id, s.tsv, k.q FROM claim_search s
                WHERE s.tsv @@ k.every AND (k.config IS NULL OR s.config = k.config) AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
                LIMIT {LexemeMatches}) m
            LIMIT {LexemeMatches}),
        rarest_match AS MATERIALIZED (
            SELECT m.* FROM query k CROSS JOIN LATERAL (
                SELECT s.claim_id, s.tsv, k.q FROM claim_search s
                WHERE (SELECT count(*) FROM every_match) < {CandidatePool}
                  AND s.tsv @@ k.rarest AND (k.config IS NULL OR s.config = k.config) AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
                LIMIT {LexemeMatches}) m
            LIMIT {LexemeMatches}),
        rare_match AS MATERIALIZED (
            SELECT m.* FROM query k CROSS JOIN LATERAL (
                SELECT s.claim_id, s.tsv, k.q FROM claim_search s
                WHERE (SELECT count(*) FROM every_match) + (SELECT count(*) FROM rarest_match) < {CandidatePool}
                  AND s.tsv @@ k.rare AND (k.config IS NULL OR s.config = k.config) AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
                LIMIT {LexemeMatches}) m
            LIMIT {LexemeMatches}),
        common_match AS MATERIALIZED (
            SELECT m.* FROM query k CROSS JOIN LATERAL (
                SELECT s.claim_id, s.tsv, k.q FROM claim_search s
                WHERE (SELECT count(*) FROM every_match) + (SELECT count(*) FROM rarest_match) + (SELECT count(*) FROM rare_match) < {CandidatePool}
                  AND s.tsv @@ k.common_pair AND (k.config IS NULL OR s.config = k.config) AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
                LIMIT {LexemeMatches}) m
            LIMIT {LexemeMatches}),
        matches AS MATERIALIZED (
            SELECT m.claim_id, m.tsv, m.q, c.statement FROM
                (SELECT * FROM every_match UNION SELECT * FROM rarest_match
                 UNION SELECT * FROM rare_match UNION SELECT * FROM common_match) m
            JOIN claims c ON c.id = m.claim_id AND c.merged_into_id IS NULL),
        lexemes AS (
            SELECT m.claim_id AS id FROM matches m
            ORDER BY ts_rank_cd(m.tsv, m.q) DESC, m.claim_id
            LIMIT {CandidatePool}),
        -- Trigrams: with a language, the statements among the lexeme matches nearest by trigram similarity (the
        -- GiST index's nearest-neighbour order visits most of the index once statements share common trigrams:
        -- 330 ms at 100k claims, 850 ms at 1M). Without a language and without any lexeme match (a script without
        -- word breaks, a text of stop words), that index order is the only candidate source left.
        trigram AS (
            SELECT m.claim_id AS id FROM matches m
            ORDER BY similarity(m.statement, {p.Text}) DESC, m.claim_id
            LIMIT {CandidatePool}),
        nearest AS (
            SELECT c.id FROM claims c
            WHERE {p.Language}::text IS NULL AND NOT EXISTS (SELECT 1 FROM matches)
              AND c.merged_into_id IS NULL AND c.id IS DISTINCT FROM {p.Exclude}::uuid
            ORDER BY c.statement <-> {p.Text}
            LIMIT {CandidatePool}),
        pool AS (SELECT id FROM trigram UNION SELECT id FROM lexemes UNION SELECT id FROM nearest),
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
