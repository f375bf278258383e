using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using Npgsql;
using NpgsqlTypes;
using Outcome = ClaimTracker.Scoring.Outcome;

namespace ClaimTracker.Api.Features.Scoring;

// Moves scoring data between PostgreSQL and the pure scorer with binary COPY, never row by row through EF.
public sealed class ScoringData(NpgsqlConnection connection)
{
    public sealed record Loaded(ScoringInput Input, Guid[] SourceIds, Guid[] ClaimIds);

    // Each status as the claims table spells it, with what it says of the claim's truth (Claim.OutcomeOf).
    private static readonly Dictionary<string, Outcome> Outcomes =
        Enum.GetValues<ClaimStatus>().ToDictionary(s => SnakeCase.Name(s), Claim.OutcomeOf);

    private static readonly string KnownOutcomeStatuses =
        string.Join(", ", Outcomes.Where(o => o.Value != Outcome.Unknown).Select(o => $"'{o.Key}'"));

    // Every vote the scorer weighs, as one query:
    //  - each link of each report's chain affirms the claim, with its role and the chain's origin;
    //  - each imported assertion affirms or denies its claim, its source being its own origin;
    //  - each link of evidence that confirms or contradicts a claim whose truth is not yet known affirms or denies it
    //    (partly confirming and mentioning evidence take no side, so they cast no vote),
    //    weighed as conclusive or not (docs/estimation.md); a report and an imported assertion count as conclusive.
    //    Evidence on a claim with a known outcome is left out: that outcome was decided by the evidence itself, so
    //    scoring the evidence against it would only reward it for agreeing with itself.
    //  - each vote is interested when its origin is one of the claim's parties or a member of one (memberOf, transitively):
    //    reports and imported assertions too, since a party asserting a claim about itself is as self-serving as denying it.
    //    (A hash join on the interested pairs, not a subquery per vote.)
    //  - a superseded claim was true until its true_until: reports and assertions made after it are left out (saying
    //    it then was no longer right, but the claim's outcome is "true"; DOMAIN.md, time). The IS NOT NULL, implied by
    //    the comparison, is spelled out so that the anti-join hashes the few superseded claims, not every claim.
    // To read less: the role as a small code (VoteRole's values), and the origin as null where it is the voting source
    // itself (every imported assertion, and every origin link).
    private static readonly string VotesQuery = $$"""
        COPY (
          WITH RECURSIVE interested(claim_id, source_id) AS (
              SELECT claim_id, source_id FROM claim_parties
            UNION
              SELECT i.claim_id, s.id FROM sources s JOIN interested i ON s.member_of_id = i.source_id
          )
          SELECT v.source_id, v.claim_id, NULLIF(v.origin_id, v.source_id), v.affirms,
                 CASE v.role WHEN 'relay' THEN 1 WHEN 'publisher' THEN 2 ELSE 0 END::smallint,
                 v.confidence, v.at, v.terms, v.conclusive, i.claim_id IS NOT NULL
          FROM (
            SELECT link.source_id, r.claim_id, origin.source_id AS origin_id, true, link.role, r.stated_confidence, r.reported_at,
                   ARRAY(SELECT jsonb_array_elements(r.cues) ->> 'Phrase'), true
            FROM reports r
            JOIN report_chain link ON link.report_id = r.id
            JOIN report_chain origin ON origin.report_id = r.id AND origin.position = 0
            WHERE NOT EXISTS (SELECT 1 FROM claims s WHERE s.id = r.claim_id AND s.true_until IS NOT NULL AND s.true_until < r.reported_at)
          UNION ALL
            SELECT a.source_id, a.claim_id, a.source_id, a.polarity = 'affirms', 'origin', a.stated_confidence, a.asserted_at, a.hedge_words, true
            FROM assertions a
            WHERE NOT EXISTS (SELECT 1 FROM claims s WHERE s.id = a.claim_id AND s.true_until IS NOT NULL AND s.true_until < a.asserted_at)
          UNION ALL
            SELECT link.source_id, e.claim_id, origin.source_id, e.stance = 'confirms', link.role, NULL, e.observed_at, NULL, e.conclusive
            FROM evidence e
            JOIN claims c ON c.id = e.claim_id
            JOIN evidence_chain link ON link.evidence_id = e.id
            JOIN evidence_chain origin ON origin.evidence_id = e.id AND origin.position = 0
            WHERE e.stance IN ('confirms', 'contradicts')
              AND c.status NOT IN ({{KnownOutcomeStatuses}})
          ) v (source_id, claim_id, origin_id, affirms, role, confidence, at, terms, conclusive)
          LEFT JOIN (SELECT DISTINCT claim_id, source_id FROM interested) i ON i.claim_id = v.claim_id AND i.source_id = v.origin_id
        ) TO STDOUT (FORMAT BINARY)
        """;

    public async Task<Loaded> LoadAsync(DateTimeOffset asOf, Action<string, long, long> progress, CancellationToken ct)
    {
        var sources = new List<Guid>();
        await using (var reader = await connection.BeginBinaryExportAsync("COPY (SELECT id FROM sources ORDER BY id) TO STDOUT (FORMAT BINARY)", ct))
            while (reader.StartRow() != -1) sources.Add(reader.Read<Guid>());

        var claims = new List<Guid>();
        var outcomes = new List<Outcome>();
        var questions = new List<int>();
        var questionIndex = new Dictionary<Guid, int>();
        await using (var reader = await connection.BeginBinaryExportAsync(
            "COPY (SELECT id, status, question_id FROM claims ORDER BY id) TO STDOUT (FORMAT BINARY)", ct))
        {
            while (reader.StartRow() != -1)
            {
                claims.Add(reader.Read<Guid>());
                outcomes.Add(Outcomes.GetValueOrDefault(reader.Read<string>(), Outcome.Unknown));
                questions.Add(reader.IsNull ? SkipNull(reader) : QuestionIndex(reader.Read<Guid>(), questionIndex));
            }
        }
        progress("reading", 0, 0);

        var sourceIndex = Index(sources);
        var claimIndex = Index(claims);
        var terms = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var voteTerms = new List<int>();
        var votes = new List<Vote>();
        await using (var reader = await connection.BeginBinaryExportAsync(VotesQuery, ct))
        {
            while (reader.StartRow() != -1)
            {
                var source = sourceIndex[reader.Read<Guid>()];
                var claim = claimIndex[reader.Read<Guid>()];
                var origin = reader.IsNull ? SkipNull(reader, source) : sourceIndex[reader.Read<Guid>()];
                var affirms = reader.Read<bool>();
                var role = (VoteRole)reader.Read<short>();
                var confidence = reader.IsNull ? SkipNull(reader, float.NaN) : (float)reader.Read<double>();
                var at = reader.IsNull ? SkipNull(reader, asOf) : reader.Read<DateTimeOffset>();
                var termStart = voteTerms.Count;
                if (reader.IsNull) reader.Skip();
                else
                    foreach (var term in reader.Read<string[]>())
                        if (voteTerms.Count - termStart < byte.MaxValue) voteTerms.Add(TermIndex(term, terms));
                var conclusive = reader.Read<bool>();
                var interested = reader.Read<bool>();
                votes.Add(new Vote(source, claim, origin, affirms, role, confidence, at.ToUnixTimeSeconds(), termStart,
                    (byte)(voteTerms.Count - termStart), Conclusive: conclusive, Interested: interested));
                if (votes.Count % 100_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress("reading", votes.Count, 0);
                }
            }
        }

        var input = new ScoringInput
        {
            SourceCount = sources.Count,
            ClaimOutcomes = [.. outcomes],
            ClaimQuestions = [.. questions],
            Votes = [.. votes],
            VoteTerms = [.. voteTerms],
            TermNames = [.. terms.OrderBy(t => t.Value).Select(t => t.Key)],
        };
        return new Loaded(input, [.. sources], [.. claims]);
    }

    // Writes a run's results with binary COPY, each writer on its own connection and in its own transaction, so that
    // the database takes them in on as many backends as there are writers: the sources and the first share of the
    // claims on one, the rest of the claims on the others. Rows of a run that has not switched in are never read (every
    // reader goes through scoring_state or a succeeded run), so they need not wait for the switch to be committed; a
    // run that fails leaves them behind for PruneAsync. The calibration JSON is written with one reused Utf8JsonWriter
    // per writer, in the shape EF Core maps it (property names as in CalibrationRow).
    public async Task WriteAsync(string connectionString, Guid runId, Loaded loaded, ScoringResult result, int writers,
        Action<string, long, long> progress, CancellationToken ct)
    {
        var total = result.Sources.Count + result.Claims.Count;
        long written = 0;
        void Wrote(int rows) => progress("writing", Interlocked.Add(ref written, rows), total);

        writers = Math.Clamp(writers, 1, Math.Max(1, result.Claims.Count / MinClaimsPerWriter));
        var share = (result.Claims.Count + writers - 1) / writers;
        var tasks = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            var (from, to, withSources) = (w * share, Math.Min(result.Claims.Count, (w + 1) * share), w == 0);
            tasks[w] = Task.Run(async () =>
            {
                await using var own = new NpgsqlConnection(connectionString);
                await own.OpenAsync(ct);
                if (withSources) await WriteSourcesAsync(own, runId, loaded, result, Wrote, ct);
                await WriteClaimsAsync(own, runId, loaded, result, from, to, Wrote, ct);
            }, ct);
        }
        await Task.WhenAll(tasks);
    }

    // Below this many claims per writer a second connection costs more than it saves.
    private const int MinClaimsPerWriter = 20_000;

    private static async Task WriteSourcesAsync(NpgsqlConnection connection, Guid runId, Loaded loaded, ScoringResult result,
        Action<int> wrote, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        await using var json = new Utf8JsonWriter(buffer);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY source_scores (run_id, source_id, mean, lower, upper, alpha, beta, effective_samples, brier, log_score, scored_reports, band, calibration) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var score in result.Sources)
        {
            writer.StartRow();
            writer.Write(runId, NpgsqlDbType.Uuid);
            writer.Write(loaded.SourceIds[score.Source], NpgsqlDbType.Uuid);
            writer.Write(score.Mean, NpgsqlDbType.Double);
            writer.Write(score.Lower, NpgsqlDbType.Double);
            writer.Write(score.Upper, NpgsqlDbType.Double);
            writer.Write(score.Alpha, NpgsqlDbType.Double);
            writer.Write(score.Beta, NpgsqlDbType.Double);
            writer.Write(score.EffectiveSamples, NpgsqlDbType.Double);
            WriteNullable(writer, score.Brier);
            WriteNullable(writer, score.LogScore);
            writer.Write(score.ScoredReports, NpgsqlDbType.Integer);
            writer.Write(SnakeCase.Name(score.Band), NpgsqlDbType.Varchar);
            writer.Write(Json(buffer, json, w =>
            {
                foreach (var row in score.Calibration)
                {
                    w.WriteStartObject();
                    w.WriteString(nameof(CalibrationRow.Kind), row.Kind);
                    w.WriteString(nameof(CalibrationRow.Key), row.Key);
                    w.WriteNumber(nameof(CalibrationRow.Stated), row.Stated);
                    w.WriteNumber(nameof(CalibrationRow.Observed), row.Observed);
                    w.WriteNumber(nameof(CalibrationRow.Count), row.Count);
                    w.WriteEndObject();
                }
            }), NpgsqlDbType.Jsonb);
        }
        await writer.CompleteAsync(ct);
        wrote(result.Sources.Count);
    }

    private static async Task WriteClaimsAsync(NpgsqlConnection connection, Guid runId, Loaded loaded, ScoringResult result,
        int from, int to, Action<int> wrote, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY claim_estimates (run_id, claim_id, probability, affirm_weight, deny_weight, push_sources, push_affirms, push_weights, push_reliabilities, push_log_odds, push_shared) FROM STDIN (FORMAT BINARY)", ct);
        var sinceReport = 0;
        for (var i = from; i < to; i++)
        {
            var estimate = result.Claims[i];
            // One pass over the explanation (each item is built when read) into the six parallel arrays of the row.
            var pushes = estimate.Explanation;
            var n = pushes.Count;
            var (sources, affirms, weights, reliabilities, logOdds, shared) = (new Guid[n], new bool[n], new double[n], new double[n], new double[n], new bool[n]);
            for (var k = 0; k < n; k++)
            {
                var p = pushes[k];
                (sources[k], affirms[k], weights[k], reliabilities[k], logOdds[k], shared[k]) =
                    (loaded.SourceIds[p.Source], p.Affirms, p.Weight, p.Reliability, p.Push, p.CountedWithOthers);
            }
            writer.StartRow();
            writer.Write(runId, NpgsqlDbType.Uuid);
            writer.Write(loaded.ClaimIds[estimate.Claim], NpgsqlDbType.Uuid);
            writer.Write(estimate.Probability, NpgsqlDbType.Double);
            writer.Write(estimate.AffirmWeight, NpgsqlDbType.Double);
            writer.Write(estimate.DenyWeight, NpgsqlDbType.Double);
            writer.Write(sources, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            writer.Write(affirms, NpgsqlDbType.Array | NpgsqlDbType.Boolean);
            writer.Write(weights, NpgsqlDbType.Array | NpgsqlDbType.Double);
            writer.Write(reliabilities, NpgsqlDbType.Array | NpgsqlDbType.Double);
            writer.Write(logOdds, NpgsqlDbType.Array | NpgsqlDbType.Double);
            writer.Write(shared, NpgsqlDbType.Array | NpgsqlDbType.Boolean);
            if (++sinceReport == 50_000)
            {
                ct.ThrowIfCancellationRequested();
                wrote(sinceReport);
                sinceReport = 0;
            }
        }
        await writer.CompleteAsync(ct);
        wrote(sinceReport);
    }

    private static string Json(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json, Action<Utf8JsonWriter> items)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartArray();
        items(json);
        json.WriteEndArray();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, double? value)
    {
        if (value is { } v) writer.Write(v, NpgsqlDbType.Double);
        else writer.WriteNull();
    }

    private static int QuestionIndex(Guid question, Dictionary<Guid, int> index)
    {
        if (!index.TryGetValue(question, out var i)) index[question] = i = index.Count;
        return i;
    }

    private static int TermIndex(string term, Dictionary<string, int> index)
    {
        if (!index.TryGetValue(term, out var i)) index[term] = i = index.Count;
        return i;
    }

    private static T SkipNull<T>(NpgsqlBinaryExporter reader, T value)
    {
        reader.Skip();
        return value;
    }

    private static int SkipNull(NpgsqlBinaryExporter reader) => SkipNull(reader, -1);

    private static Dictionary<Guid, int> Index(List<Guid> ids)
    {
        var index = new Dictionary<Guid, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++) index[ids[i]] = i;
        return index;
    }
}
