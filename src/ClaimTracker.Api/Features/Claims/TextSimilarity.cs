using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Api.Features.Claims;

// Trigram similarity of the statements (spelling, word forms, scripts without a text-search configuration) averaged
// with the Jaccard overlap of their full-text lexemes in the claim's language (stemmed, stop words out, word order
// ignored). Candidates come from the claim_search tsvector index GET /claims/search uses, queried for the text's
// lexemes; without a language, from the trigram GiST index on the statement.
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

    public string Name => MethodName;

    public async Task<IReadOnlyList<ScoredClaim>> ScoreAsync(string text, string? language, int limit, Guid? excludeClaimId, CancellationToken ct)
    {
        // Two stages, so that a query costs about the same with a million claims sharing its words as with ten: a pool
        // of candidates the indexes answer cheaply, then the full score for the pool only. With a language, at most
        // LexemeMatches claims whose search text shares the text's lexemes (the most specific tier that finds a pool:
        // all lexemes, the two longest, any), ranked once by ts_rank_cd and once by trigram similarity. Without one,
        // the statements nearest by trigram distance, read in order from the GiST index.
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
        -- With a language the text's lexemes are three tsqueries, all answered by the GIN index on tsv: every lexeme
        -- (AND), its two longest lexemes (AND; length stands in for rarity, which ts_stat could only tell by a scan)
        -- and any lexeme (OR). Each tier runs only while the tiers before it found fewer than a pool, so a text whose
        -- words are all common reads a few hundred rows of the index, not the quarter of all claims sharing one word.
        -- Without a language there is no stemmer to choose and no index to use (each claim would need the text parsed
        -- in its own configuration, a scan of every claim): the trigram candidates alone, scored below in each
        -- claim's own configuration. MATERIALIZED: inlined, the tsqueries would be built again for every row tested.
        WITH query AS MATERIALIZED (
            SELECT nullif(replace(p::text, '<->', '&'), '')::tsquery AS every,
                   (SELECT string_agg('''' || replace(replace(l, '\', '\\'), '''', '''''') || '''', ' & ')::tsquery
                    FROM (SELECT l FROM unnest(tsvector_to_array(to_tsvector(search_config({p.Language}::text), {p.Text}))) l
                          ORDER BY length(l) DESC, l LIMIT 2) longest) AS longest,
                   nullif(replace(replace(p::text, '<->', '|'), '&', '|'), '')::tsquery AS q
            FROM (SELECT plainto_tsquery(search_config({p.Language}::text), {p.Text}) AS p) t
            WHERE {p.Language}::text IS NOT NULL),
        every_match AS MATERIALIZED (
            SELECT s.claim_id, s.tsv FROM claim_search s, query k
            WHERE s.tsv @@ k.every AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
            LIMIT {LexemeMatches}),
        longest_match AS MATERIALIZED (
            SELECT s.claim_id, s.tsv FROM claim_search s, query k
            WHERE (SELECT count(*) FROM every_match) < {CandidatePool}
              AND s.tsv @@ k.longest AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
            LIMIT {LexemeMatches}),
        any_match AS MATERIALIZED (
            SELECT s.claim_id, s.tsv FROM claim_search s, query k
            WHERE (SELECT count(*) FROM every_match) + (SELECT count(*) FROM longest_match) < {CandidatePool}
              AND s.tsv @@ k.q AND s.claim_id IS DISTINCT FROM {p.Exclude}::uuid
            LIMIT {LexemeMatches}),
        matches AS MATERIALIZED (
            SELECT m.claim_id, m.tsv, c.statement FROM
                (SELECT claim_id, tsv FROM every_match UNION SELECT claim_id, tsv FROM longest_match
                 UNION SELECT claim_id, tsv FROM any_match) m
            JOIN claims c ON c.id = m.claim_id AND c.merged_into_id IS NULL),
        lexemes AS (
            SELECT m.claim_id AS id FROM matches m, query k
            ORDER BY ts_rank_cd(m.tsv, k.q) DESC, m.claim_id
            LIMIT {CandidatePool}),
        -- Trigrams: with a language, the statements among the lexeme matches nearest by trigram similarity (the
        -- GiST index's nearest-neighbour order visits most of the index once statements share common trigrams:
        -- 330 ms at 100k claims). Without one, that index order is the only candidate source left.
        trigram AS (
            SELECT m.claim_id AS id FROM matches m
            ORDER BY similarity(m.statement, {p.Text}) DESC, m.claim_id
            LIMIT {CandidatePool}),
        nearest AS (
            SELECT c.id FROM claims c
            WHERE {p.Language}::text IS NULL AND c.merged_into_id IS NULL AND c.id IS DISTINCT FROM {p.Exclude}::uuid
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
