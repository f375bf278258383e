using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Api.Features.Claims;

// A claim as GET /claims/{id} and every claim command answer it, read in one round trip: PostgreSQL builds the claim
// with its reports, evidence, history and parties as one JSON document, plus what the rules below need (the parties'
// members, the bands of the report origins and the claim's estimate in the current scoring run). The split EF query
// this replaces took eight round trips; reads of one claim are the most frequent request.
public static class ClaimRead
{
    // A chain (report_chain or evidence_chain) as the answer lists it: position, role and the source as a link.
    // Public, as the SQL of the benchmark's baseline (tests/ClaimTracker.Baseline) builds the same fragments.
    public static string Chain(string table, string owner, string ownerId) => $"""
        coalesce((SELECT json_agg(json_build_object('position', l.position, 'role', l.role,
                     'source', json_build_object('id', s.id, 'slug', s.slug, 'name', s.name)) ORDER BY l.position)
                  FROM {table} l JOIN sources s ON s.id = l.source_id WHERE l.{owner} = {ownerId}), '[]')
        """;

    public const string Article = """
        json_build_object('id', a.id, 'url', a.url, 'title', a.title, 'publisher', p.name, 'publishedAt', a.published_at)
        """;

    // Orders as ClaimResponse documents them: reports by time then id, evidence by observation then id, history by
    // change then id, parties by slug, chains by position. A report's cues are stored with the answer's field names.
    private static readonly string Sql = $$"""
        WITH run AS (SELECT current_run_id AS id FROM scoring_state)
        SELECT json_build_object(
          'claim', json_build_object(
            'id', c.id, 'statement', c.statement, 'question', q.key, 'topics', c.topics, 'status', c.status,
            'resolved', c.status IN ({{string.Join(", ", Claim.Resolutions.Select(s => $"'{SnakeCase.Name(s)}'"))}}),
            'firstReportedAt', c.first_reported_at, 'version', c.version, 'createdAt', c.created_at, 'updatedAt', c.updated_at,
            'reports', coalesce((SELECT json_agg(json_build_object(
                'id', r.id, 'article', {{Article}}, 'quote', r.quote, 'chain', {{Chain("report_chain", "report_id", "r.id")}},
                'hedgeWords', r.hedge_words, 'unknownHedgeWords', r.unknown_hedge_words, 'cues', r.cues,
                'statedConfidence', r.stated_confidence, 'confidenceRule', r.confidence_rule,
                'lexiconVersion', r.lexicon_version, 'reportedAt', r.reported_at) ORDER BY r.reported_at, r.id)
              FROM reports r JOIN articles a ON a.id = r.article_id JOIN sources p ON p.id = a.publisher_id
              WHERE r.claim_id = c.id), '[]'),
            'evidence', coalesce((SELECT json_agg(json_build_object(
                'id', e.id, 'article', {{Article}}, 'stance', e.stance, 'conclusive', e.conclusive, 'quote', e.quote, 'note', e.note,
                'chain', {{Chain("evidence_chain", "evidence_id", "e.id")}}, 'observedAt', e.observed_at, 'createdAt', e.created_at,
                'interested', false) ORDER BY e.observed_at, e.id)
              FROM evidence e JOIN articles a ON a.id = e.article_id JOIN sources p ON p.id = a.publisher_id
              WHERE e.claim_id = c.id), '[]'),
            'history', coalesce((SELECT json_agg(json_build_object('from', h."from", 'to', h."to", 'reason', h.reason,
                'evidenceId', h.evidence_id, 'changedAt', h.changed_at) ORDER BY h.changed_at, h.id)
              FROM claim_status_changes h WHERE h.claim_id = c.id), '[]'),
            'parties', coalesce((SELECT json_agg(json_build_object('id', s.id, 'slug', s.slug, 'name', s.name) ORDER BY s.slug)
              FROM claim_parties cp JOIN sources s ON s.id = cp.source_id WHERE cp.claim_id = c.id), '[]'),
            'trueUntil', c.true_until, 'supersededBy', c.superseded_by, 'mergedIntoId', c.merged_into_id),
          'interestedOrigins', coalesce((
            WITH RECURSIVE members(id) AS (
                SELECT cp.source_id FROM claim_parties cp WHERE cp.claim_id = c.id
              UNION
                SELECT s.id FROM sources s JOIN members m ON s.member_of_id = m.id)
            SELECT json_agg(id) FROM members), '[]'),
          'originBands', coalesce((SELECT json_agg(DISTINCT ss.band) FROM run
              JOIN source_scores ss ON ss.run_id = run.id
             WHERE ss.source_id IN (SELECT l.source_id FROM reports r JOIN report_chain l ON l.report_id = r.id
                                     WHERE r.claim_id = c.id AND l.position = 0)), '[]'),
          'probability', (SELECT ce.probability FROM run JOIN claim_estimates ce ON ce.run_id = run.id AND ce.claim_id = c.id))::text AS "Value"
        FROM claims c LEFT JOIN questions q ON q.id = c.question_id
        WHERE c.id = {0}
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private sealed record Row(ClaimResponse Claim, IReadOnlyList<Guid> InterestedOrigins, IReadOnlyList<string> OriginBands, double? Probability);

    // Whether evidence is interested is worked out as it is read, so it follows the parties and memberOf links as they are now.
    public static async Task<ClaimResponse?> ReadClaimAsync(this ClaimTrackerDbContext db, Guid id, CancellationToken ct)
    {
        var json = await db.Database.SqlQueryRaw<string>(Sql, id).ToListAsync(ct);
        return json is [var text] ? Parse(text) : null;
    }

    // The same read as a statement of a command's batch, sent with its last writes (RecordClaim).
    public static NpgsqlBatchCommand Command(Guid id) => Batches.Raw(Sql, id);

    // Reads Command's result and moves the reader to the batch's next result.
    public static async Task<ClaimResponse?> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var text = await reader.ReadAsync(ct) ? reader.GetString(0) : null;
        await reader.NextResultAsync(ct);
        return text is null ? null : Parse(text);
    }

    private static ClaimResponse Parse(string text)
    {
        var row = JsonSerializer.Deserialize<Row>(text, Json)!;
        var claim = WithDateWarnings(row.Claim);
        if (row.InterestedOrigins.Count > 0)
        {
            var interested = row.InterestedOrigins.ToHashSet();
            claim = claim with
            {
                Evidence = claim.Evidence.Select(e => e with { Interested = interested.Contains(e.Chain[0].Source.Id) }).ToList(),
            };
        }
        return claim with { Admiralty = AdmiraltyCode.Of(claim, row.OriginBands.Select(b => Enum.Parse<Band>(b, ignoreCase: true)).ToList(), row.Probability) };
    }

    private static ClaimResponse WithDateWarnings(ClaimResponse claim)
    {
        var early = claim.Evidence.Where(e => e.ObservedAt < claim.FirstReportedAt).Select(e => e.Id).ToHashSet();
        if (early.Count == 0) return claim;
        return claim with
        {
            Evidence = claim.Evidence.Select(e => early.Contains(e.Id) ? e with { BeforeFirstReport = true } : e).ToList(),
            Warnings = claim.Evidence.Where(e => early.Contains(e.Id)).Select(e =>
                $"Evidence {e.Id} is dated {e.ObservedAt:u}, before the claim's first report ({claim.FirstReportedAt:u}): check its date.").ToList(),
        };
    }
}
