using Npgsql;

namespace ClaimTracker.Baseline;

// Each read is one round trip (a report's cues are stored with Pascal-case keys and renamed here): PostgreSQL builds the whole JSON answer, the app copies the bytes to the response.
// The shapes follow the API's answers (same fields, same rows); values the API derives in C# (a claim's Admiralty
// grade) are reduced to what SQL can say cheaply, see the README's issue 13 section.
public static class Reads
{
    // The API's own fragments for a chain and an article link (ClaimRead), so both build the same JSON.
    private static string Chain(string table, string owner, string ownerId) => ClaimTracker.Api.Features.Claims.ClaimRead.Chain(table, owner, ownerId);

    private const string Article = ClaimTracker.Api.Features.Claims.ClaimRead.Article;

    public static readonly string Claim = $"""
        SELECT json_build_object(
          'id', c.id, 'statement', c.statement, 'question', q.key, 'topics', c.topics, 'status', c.status,
          'resolved', c.status IN ('true', 'false', 'partly_true', 'unresolvable'),
          'firstReportedAt', c.first_reported_at, 'version', c.version, 'createdAt', c.created_at, 'updatedAt', c.updated_at,
          'reports', coalesce((SELECT json_agg(json_build_object(
              'id', r.id, 'article', {Article}, 'quote', r.quote, 'chain', {Chain("report_chain", "report_id", "r.id")},
              'hedgeWords', r.hedge_words, 'unknownHedgeWords', r.unknown_hedge_words, 'cues', coalesce((SELECT json_agg(json_build_object('phrase', x->'Phrase', 'scale', x->'Scale',
                  'category', x->'Category', 'probability', x->'Probability', 'negated', x->'Negated', 'quoted', x->'Quoted',
                  'matchedText', x->'MatchedText', 'start', x->'Start', 'length', x->'Length', 'foundIn', x->'FoundIn'))
                FROM jsonb_array_elements(r.cues) x), '[]'),
              'statedConfidence', r.stated_confidence, 'confidenceRule', r.confidence_rule,
              'lexiconVersion', r.lexicon_version, 'reportedAt', r.reported_at) ORDER BY r.reported_at, r.id)
            FROM reports r JOIN articles a ON a.id = r.article_id JOIN sources p ON p.id = a.publisher_id
            WHERE r.claim_id = c.id), '[]'),
          'evidence', coalesce((SELECT json_agg(json_build_object(
              'id', e.id, 'article', {Article}, 'stance', e.stance, 'conclusive', e.conclusive, 'quote', e.quote, 'note', e.note,
              'chain', {Chain("evidence_chain", "evidence_id", "e.id")}, 'observedAt', e.observed_at, 'createdAt', e.created_at,
              'interested', EXISTS (SELECT 1 FROM evidence_chain l JOIN claim_parties cp ON cp.claim_id = c.id
                                     JOIN sources s ON s.id = l.source_id
                                    WHERE l.evidence_id = e.id AND cp.source_id IN (s.id, s.member_of_id)),
              'beforeFirstReport', e.observed_at < c.first_reported_at) ORDER BY e.observed_at, e.id)
            FROM evidence e JOIN articles a ON a.id = e.article_id JOIN sources p ON p.id = a.publisher_id
            WHERE e.claim_id = c.id), '[]'),
          'history', coalesce((SELECT json_agg(json_build_object('from', h."from", 'to', h."to", 'reason', h.reason,
              'evidenceId', h.evidence_id, 'changedAt', h.changed_at) ORDER BY h.changed_at, h.id)
            FROM claim_status_changes h WHERE h.claim_id = c.id), '[]'),
          'parties', coalesce((SELECT json_agg(json_build_object('id', s.id, 'slug', s.slug, 'name', s.name) ORDER BY s.slug)
            FROM claim_parties cp JOIN sources s ON s.id = cp.source_id WHERE cp.claim_id = c.id), '[]'),
          'trueUntil', c.true_until, 'supersededBy', c.superseded_by,
          'warnings', coalesce((SELECT json_agg('Evidence ' || e.id || ' is dated before the claim''s first report.')
            FROM evidence e WHERE e.claim_id = c.id AND e.observed_at < c.first_reported_at), '[]'),
          'admiralty', json_build_object('reliability', 'F', 'credibility', CASE c.status WHEN 'confirmed' THEN 2 ELSE 6 END,
              'code', 'F' || CASE c.status WHEN 'confirmed' THEN 2 ELSE 6 END, 'reason', 'baseline: not graded'))
        FROM claims c LEFT JOIN questions q ON q.id = c.question_id
        WHERE c.id = $1
        """;

    // The first page of a status filter, newest first, with the counts and the current run's estimate, plus the total.
    public const string ClaimsByStatus = """
        WITH run AS (SELECT id FROM scoring_runs WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1),
        page AS (
          SELECT c.id, c.statement, c.topics, c.status, c.first_reported_at, c.updated_at, c.version, c.question_id
          FROM claims c WHERE c.status = ANY($1) AND c.merged_into_id IS NULL
          ORDER BY c.first_reported_at DESC, c.id LIMIT $2 OFFSET $3)
        SELECT json_build_object(
          'items', coalesce((SELECT json_agg(json_build_object(
              'id', c.id, 'statement', c.statement, 'topics', c.topics, 'status', c.status,
              'firstReportedAt', c.first_reported_at, 'updatedAt', c.updated_at, 'version', c.version,
              'reportCount', (SELECT count(*) FROM reports r WHERE r.claim_id = c.id),
              'evidenceCount', (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id),
              'question', (SELECT key FROM questions q WHERE q.id = c.question_id),
              'probability', (SELECT ce.probability FROM claim_estimates ce, run WHERE ce.run_id = run.id AND ce.claim_id = c.id))
              ORDER BY c.first_reported_at DESC, c.id) FROM page c), '[]'),
          'page', $4, 'pageSize', $2,
          'total', (SELECT count(*) FROM claims c WHERE c.status = ANY($1) AND c.merged_into_id IS NULL))
        """;

    // A source with its track record (the API's view, restricted to the one source), and the claims it carries.
    public const string Source = """
        WITH s AS (SELECT * FROM sources WHERE slug = $1),
        carried AS (
          SELECT c.id, c.statement, c.status, c.first_reported_at,
                 array_agg(DISTINCT l.role) AS roles
          FROM s JOIN report_chain l ON l.source_id = s.id JOIN reports r ON r.id = l.report_id JOIN claims c ON c.id = r.claim_id
          GROUP BY c.id)
        SELECT json_build_object(
          'source', json_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'kind', s.kind, 'homepage', s.homepage,
              'country', s.country, 'aliases', s.aliases,
              'scope', (SELECT json_build_object('id', x.id, 'slug', x.slug, 'name', x.name) FROM sources x WHERE x.id = s.scope_id),
              'version', s.version, 'createdAt', s.created_at, 'updatedAt', s.updated_at,
              'trackRecord', (SELECT json_build_object('originated', t.originated, 'relayed', t.relayed, 'confirmed', t.confirmed,
                  'partlyConfirmed', t.partly_confirmed, 'contradicted', t.contradicted, 'disputed', t.disputed,
                  'pending', t.pending, 'unresolvable', t.unresolvable, 'accuracy', t.accuracy, 'sampleSize', t.sample_size)
                FROM source_track_record_counts t WHERE t.source_id = s.id),
              'memberOf', (SELECT json_build_object('id', x.id, 'slug', x.slug, 'name', x.name) FROM sources x WHERE x.id = s.member_of_id)),
          'claimCount', (SELECT count(*) FROM carried),
          'claims', coalesce((SELECT json_agg(json_build_object('id', c.id, 'statement', c.statement, 'status', c.status,
              'firstReportedAt', c.first_reported_at, 'roles', c.roles) ORDER BY c.first_reported_at DESC, c.id)
            FROM (SELECT * FROM carried ORDER BY first_reported_at DESC, id LIMIT 100) c), '[]'))
        FROM s
        """;

    public static async Task<IResult> JsonAsync(NpgsqlDataSource db, string sql, CancellationToken ct, params object[] args)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        var json = await command.ExecuteScalarAsync(ct) as string;
        return json is null ? Results.NotFound() : Results.Text(json, "application/json");
    }
}
