using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

// The claims GET /claims/search ranks, with their scores: a pool each index answers on its own, then the full score
// for the pool only, so that a query costs about the same with a million claims as with ten thousand. The pool holds
// up to Pool claims per branch: full-text matches per text-search configuration in use, word-similar ones and ones
// containing the query; a query matching more than that ranks an arbitrary Pool of those (README "Search").
public static class SearchCandidates
{
    // Far more than a page (at most 100) and a few pages deep; few enough that ranking the pool stays milliseconds.
    public const int Pool = 100;

    public sealed class Candidate
    {
        public Guid ClaimId { get; init; }
        public string? Language { get; init; }
        public double Score { get; init; }
    }

    public static IQueryable<Candidate> Query(ClaimTrackerDbContext db, string text, string? language) =>
        db.Database.SqlQuery<Candidate>(Sql(text, language, Like.Contains(text)));

    // Why each branch has its own scan: the configuration of a claim's tsvector is its own (its language's), and one
    // filter that parses the query per row, OR-ed with the trigram tests, can use no index and reads every claim.
    // Split, each is one index scan: a constant tsquery per configuration in use on the GIN index on tsv, and the
    // word-similarity (<%) and containment (ILIKE) tests on the trigram GIN index on the document.
    private static FormattableString Sql(string text, string? language, string pattern) => $"""
        SELECT * FROM (
            -- The languages in use, one index probe each (a loose scan of ix_claim_search_language), and their
            -- configurations (several languages share simple); with a language, only its own.
            WITH RECURSIVE languages AS (
                SELECT min(language) AS language FROM claim_search WHERE {language}::text IS NULL
                UNION ALL
                SELECT (SELECT min(s.language) FROM claim_search s WHERE s.language > l.language)
                FROM languages l WHERE l.language IS NOT NULL),
            configs AS (
                SELECT search_config(language)::text AS config FROM languages WHERE {language}::text IS NULL
                UNION SELECT search_config({language}::text)::text WHERE {language}::text IS NOT NULL),
            -- Configurations that parse the query alike share one scan.
            queries AS MATERIALIZED (
                SELECT websearch_to_tsquery(config::regconfig, {text}) AS q, array_agg(config) AS configs
                FROM configs GROUP BY 1),
            lexical AS (
                SELECT m.* FROM queries k CROSS JOIN LATERAL (
                    SELECT s.* FROM claim_search s
                    WHERE s.tsv @@ k.q AND s.config = ANY (k.configs) AND ({language}::text IS NULL OR s.language = {language}::text)
                    LIMIT {Pool}) m),
            -- MATERIALIZED and limited outside: planned with the LIMIT, a scan stopping at the first matches looks
            -- cheapest, and when few claims match it reads them all; the CTE is read lazily, so the limit still stops it.
            -- Word similarity finds misspellings and forms the configurations do not stem, so it runs only when the
            -- full text finds fewer than a pool: its bitmap holds every claim sharing the query's common trigrams
            -- (20,000 for "refinery Odesa" at 1M claims, 140 ms) however few of them it keeps.
            word_similar_all AS MATERIALIZED (
                SELECT s.* FROM claim_search s
                WHERE (SELECT count(*) FROM lexical) < {Pool}
                  AND {text} <% s.document AND ({language}::text IS NULL OR s.language = {language}::text)),
            word_similar AS (SELECT * FROM word_similar_all LIMIT {Pool}),
            verbatim_all AS MATERIALIZED (
                SELECT s.* FROM claim_search s
                WHERE s.document ILIKE {pattern} ESCAPE '\' AND ({language}::text IS NULL OR s.language = {language}::text)),
            verbatim AS (SELECT * FROM verbatim_all LIMIT {Pool}),
            pool AS (SELECT * FROM lexical UNION ALL SELECT * FROM word_similar UNION ALL SELECT * FROM verbatim)
            SELECT DISTINCT ON (s.claim_id) s.claim_id, s.language,
                   ts_rank_cd(s.tsv, websearch_to_tsquery(s.config::regconfig, {text}), 32)
                   + CASE WHEN s.document ILIKE {pattern} ESCAPE '\' THEN 1.0 ELSE word_similarity({text}, s.document) END AS score
            FROM pool s) candidates
        """;
}
