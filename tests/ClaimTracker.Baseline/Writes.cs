using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ClaimTracker.Baseline;

// POST /claims for a claim with an inline article and a chain of known sources (what scripts/benchmark-http.sh sends),
// writing the rows the API's RecordClaim writes: the article, the claim, its report and chain, the first status change,
// an audit entry with its three changes, and the idempotency record holding the answer. Two round trips: the
// idempotency claim plus the source lookup and the similar-claims query the API runs for every create (the same SQL,
// TextSimilarity.Sql; tiers by the default thresholds, without the API's demotions), then every insert in one batch
// (one implicit transaction). The answer is built from what was written, not re-read.
public static class Writes
{
    public sealed record SourceRef(string Slug);
    public sealed record Link(SourceRef Source, string Role);
    public sealed record ArticleInput(string Url, string Title, SourceRef Publisher, DateTimeOffset PublishedAt);
    public sealed record ReportInput(ArticleInput Article, string Quote, IReadOnlyList<Link> Chain, IReadOnlyList<string>? HedgeWords, double? StatedConfidence);
    public sealed record Command(string Statement, IReadOnlyList<string>? Topics, ReportInput Report);

    private const string Actor = "baseline";
    private const string GivenRule = "given: stated by the caller";
    private const string FirstReason = "Recorded with its first report.";

    private sealed record Source(Guid Id, string Slug, string Name);

    private const int SimilarLimit = 5;
    private static readonly string SimilarSql = ClaimTracker.Api.Features.Claims.TextSimilarity.Sql(new("$1", "$2", "$3", "$4"));
    // The API's default thresholds of the text method (SimilarityOptions).
    private const double Suggested = 0.40, Confirmed = 0.65;

    public static async Task RecordClaimAsync(HttpContext http, NpgsqlDataSource db, JsonSerializerOptions json, CancellationToken ct)
    {
        var command = await http.Request.ReadFromJsonAsync<Command>(json, ct);
        if (command is null) { http.Response.StatusCode = 400; return; }
        var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString();
        // PostgreSQL keeps microseconds: the answer shows the time as it will be read back.
        var ticks = DateTimeOffset.UtcNow.UtcTicks;
        var now = new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
        var report = command.Report;
        var slugs = report.Chain.Select(l => l.Source.Slug).Append(report.Article.Publisher.Slug).Distinct().ToArray();

        await using var connection = await db.OpenConnectionAsync(ct);
        var sources = new Dictionary<string, Source>();
        var similar = new List<(Guid Id, string Statement, double Score)>();
        int lexiconVersion;
        await using (var lookup = new NpgsqlBatch(connection))
        {
            lookup.BatchCommands.Add(Cmd("""
                INSERT INTO idempotency_keys (actor_id, key, method, path, committed, created_at, owner)
                VALUES ($1, $2, 'POST', '/claims', false, $3, 'baseline') ON CONFLICT DO NOTHING
                """, Actor, idempotencyKey, now));
            lookup.BatchCommands.Add(Cmd("SELECT id, slug, name FROM sources WHERE slug = ANY($1)", (object)slugs));
            lookup.BatchCommands.Add(Cmd("SELECT coalesce(max(version), 0) FROM lexicon_versions"));
            lookup.BatchCommands.Add(Cmd(SimilarSql, command.Statement.Trim(), "en", DBNull.Value, SimilarLimit));
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            if (reader.RecordsAffected == 0) { http.Response.StatusCode = 409; return; }
            while (await reader.ReadAsync(ct)) sources[reader.GetString(1)] = new Source(reader.GetGuid(0), reader.GetString(1), reader.GetString(2));
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            lexiconVersion = reader.GetInt32(0);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) similar.Add((reader.GetGuid(0), reader.GetString(1), reader.GetDouble(3)));
        }
        if (slugs.Any(s => !sources.ContainsKey(s))) { http.Response.StatusCode = 400; return; }

        var publisher = sources[report.Article.Publisher.Slug];
        var chain = report.Chain.Select(l => (Source: sources[l.Source.Slug], l.Role)).ToList();
        if (chain.All(l => l.Source.Id != publisher.Id)) chain.Add((publisher, "publisher"));
        var (claimId, reportId, articleId, changeId, auditId) =
            (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var topics = (command.Topics ?? []).Select(t => t.Trim()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var hedgeWords = (report.HedgeWords ?? []).Select(w => w.Trim()).ToArray();
        var reportedAt = report.Article.PublishedAt.ToUniversalTime();

        var body = Answer(claimId, command.Statement.Trim(), topics, reportedAt, now, reportId, articleId, report, publisher, chain,
            hedgeWords, lexiconVersion, changeId, similar);

        await using (var writes = new NpgsqlBatch(connection))
        {
            writes.BatchCommands.Add(Cmd("""
                INSERT INTO articles (id, url, title, publisher_id, published_at, created_at, date_inferred, date_precision)
                VALUES ($1, $2, $3, $4, $5, $6, false, 'day')
                """, articleId, report.Article.Url, report.Article.Title, publisher.Id, reportedAt, now));
            writes.BatchCommands.Add(Cmd("""
                INSERT INTO claims (id, statement, topics, first_reported_at, status, version, created_at, updated_at)
                VALUES ($1, $2, $3, $4, 'unverified', 1, $5, $5)
                """, claimId, command.Statement.Trim(), topics, reportedAt, now));
            writes.BatchCommands.Add(Cmd("""
                INSERT INTO reports (id, claim_id, article_id, quote, hedge_words, unknown_hedge_words, stated_confidence,
                                     confidence_rule, reported_at, created_at, cues, lexicon_version)
                VALUES ($1, $2, $3, $4, $5, '{}', $6, $7, $8, $9, '[]', $10)
                """, reportId, claimId, articleId, report.Quote, hedgeWords, (object?)report.StatedConfidence ?? DBNull.Value,
                GivenRule, reportedAt, now, lexiconVersion));
            writes.BatchCommands.Add(Cmd("""
                INSERT INTO report_chain (report_id, position, source_id, role)
                SELECT $1, p - 1, s, r FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS t(s, r, p)
                """, reportId, chain.Select(l => l.Source.Id).ToArray(), chain.Select(l => l.Role).ToArray()));
            writes.BatchCommands.Add(Cmd("""
                INSERT INTO claim_status_changes (id, claim_id, "to", reason, changed_at) VALUES ($1, $2, 'unverified', $3, $4)
                """, changeId, claimId, FirstReason, now));
            writes.BatchCommands.Add(Cmd("""
                WITH entry AS (INSERT INTO audit_log (id, at, actor_id, actor_name, action) VALUES ($1, $2, $3, $3, 'RecordClaim'))
                INSERT INTO audit_changes (entity, entity_id, change, audit_entry_id)
                VALUES ('articles', $4, 'added', $1), ('claims', $5, 'added', $1), ('reports', $6, 'added', $1)
                """, auditId, now, Actor, articleId.ToString(), claimId.ToString(), reportId.ToString()));
            writes.BatchCommands.Add(Cmd("""
                UPDATE idempotency_keys SET committed = true, status_code = 201, content_type = 'application/json',
                       location = $3, body = $4, completed_at = $5
                WHERE actor_id = $1 AND key = $2
                """, Actor, idempotencyKey, $"/claims/{claimId}", body, now));
            await writes.ExecuteNonQueryAsync(ct);
        }

        http.Response.StatusCode = 201;
        http.Response.Headers.Location = $"/claims/{claimId}";
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(body, ct);
    }

    private static NpgsqlBatchCommand Cmd(string sql, params object[] args)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        return command;
    }

    private static byte[] Answer(Guid claimId, string statement, string[] topics, DateTimeOffset reportedAt, DateTimeOffset now,
        Guid reportId, Guid articleId, ReportInput report, Source publisher, List<(Source Source, string Role)> chain,
        string[] hedgeWords, int lexiconVersion, Guid changeId, List<(Guid Id, string Statement, double Score)> similar)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", claimId); w.WriteString("statement", statement); w.WriteNull("question");
            Strings(w, "topics", topics);
            w.WriteString("status", "unverified"); w.WriteBoolean("resolved", false);
            w.WriteString("firstReportedAt", reportedAt); w.WriteNumber("version", 1);
            w.WriteString("createdAt", now); w.WriteString("updatedAt", now);
            w.WriteStartArray("reports");
            w.WriteStartObject();
            w.WriteString("id", reportId);
            w.WriteStartObject("article");
            w.WriteString("id", articleId); w.WriteString("url", report.Article.Url); w.WriteString("title", report.Article.Title);
            w.WriteString("publisher", publisher.Name); w.WriteString("publishedAt", reportedAt);
            w.WriteEndObject();
            w.WriteString("quote", report.Quote);
            w.WriteStartArray("chain");
            for (var i = 0; i < chain.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("position", i); w.WriteString("role", chain[i].Role);
                w.WriteStartObject("source");
                w.WriteString("id", chain[i].Source.Id); w.WriteString("slug", chain[i].Source.Slug); w.WriteString("name", chain[i].Source.Name);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Strings(w, "hedgeWords", hedgeWords); Strings(w, "unknownHedgeWords", []);
            w.WriteStartArray("cues"); w.WriteEndArray();
            if (report.StatedConfidence is { } confidence) w.WriteNumber("statedConfidence", confidence); else w.WriteNull("statedConfidence");
            w.WriteString("confidenceRule", GivenRule); w.WriteNumber("lexiconVersion", lexiconVersion);
            w.WriteString("reportedAt", reportedAt);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("evidence"); w.WriteEndArray();
            w.WriteStartArray("history");
            w.WriteStartObject();
            w.WriteNull("from"); w.WriteString("to", "unverified"); w.WriteString("reason", FirstReason);
            w.WriteNull("evidenceId"); w.WriteString("changedAt", now);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("parties"); w.WriteEndArray();
            w.WriteNull("trueUntil"); w.WriteNull("supersededBy");
            w.WriteStartArray("similar");
            foreach (var (id, text, score) in similar.Where(s => s.Score >= Suggested))
            {
                w.WriteStartObject();
                w.WriteString("id", id); w.WriteString("statement", text); w.WriteNumber("score", Math.Clamp(score, 0, 1));
                w.WriteString("tier", score >= Confirmed ? "confirmed" : "suggested"); w.WriteString("method", "text");
                w.WriteStartArray("demotions"); w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("warnings"); w.WriteEndArray();
            w.WriteStartObject("admiralty");
            w.WriteString("reliability", "F"); w.WriteNumber("credibility", 6); w.WriteString("code", "F6");
            w.WriteString("reason", "baseline: not graded");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
