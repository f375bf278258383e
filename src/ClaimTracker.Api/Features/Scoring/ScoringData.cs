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
    //  - each link of evidence that confirms or contradicts a claim whose truth is not yet known affirms or denies it,
    //    weighed as conclusive or not (docs/estimation.md); a report and an imported assertion count as conclusive.
    //    Evidence on a claim with a known outcome is left out: that outcome was decided by the evidence itself, so
    //    scoring the evidence against it would only reward it for agreeing with itself.
    private static readonly string VotesQuery = $$"""
        COPY (
            SELECT link.source_id, r.claim_id, origin.source_id, true, link.role, r.stated_confidence, r.reported_at,
                   ARRAY(SELECT jsonb_array_elements(r.cues) ->> 'Phrase'), true
            FROM reports r
            JOIN report_chain link ON link.report_id = r.id
            JOIN report_chain origin ON origin.report_id = r.id AND origin.position = 0
          UNION ALL
            SELECT a.source_id, a.claim_id, a.source_id, a.polarity = 'affirms', 'origin', a.stated_confidence, a.asserted_at, a.hedge_words, true
            FROM assertions a
          UNION ALL
            SELECT link.source_id, e.claim_id, origin.source_id, e.stance = 'confirms', link.role, NULL, e.observed_at, NULL, e.conclusive
            FROM evidence e
            JOIN claims c ON c.id = e.claim_id
            JOIN evidence_chain link ON link.evidence_id = e.id
            JOIN evidence_chain origin ON origin.evidence_id = e.id AND origin.position = 0
            WHERE e.stance <> 'partly_confirms'
              AND c.status NOT IN ({{KnownOutcomeStatuses}})
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
                var origin = sourceIndex[reader.Read<Guid>()];
                var affirms = reader.Read<bool>();
                var role = reader.Read<string>() switch { "relay" => VoteRole.Relay, "publisher" => VoteRole.Publisher, _ => VoteRole.Origin };
                var confidence = reader.IsNull ? SkipNull(reader, float.NaN) : (float)reader.Read<double>();
                var at = reader.IsNull ? SkipNull(reader, asOf) : reader.Read<DateTimeOffset>();
                var termStart = voteTerms.Count;
                if (reader.IsNull) reader.Skip();
                else
                    foreach (var term in reader.Read<string[]>())
                        if (voteTerms.Count - termStart < byte.MaxValue) voteTerms.Add(TermIndex(term, terms));
                var conclusive = reader.Read<bool>();
                votes.Add(new Vote(source, claim, origin, affirms, role, confidence, at.ToUnixTimeSeconds(), termStart,
                    (byte)(voteTerms.Count - termStart), Conclusive: conclusive));
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

    // Writes a run's results with binary COPY inside the caller's transaction. The calibration JSON is written with one
    // reused Utf8JsonWriter, in the shape EF Core maps it (property names as in CalibrationRow).
    public async Task WriteAsync(Guid runId, Loaded loaded, ScoringResult result, Action<string, long, long> progress, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        await using var json = new Utf8JsonWriter(buffer);
        var total = result.Sources.Count + result.Claims.Count;

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY source_scores (run_id, source_id, mean, lower, upper, alpha, beta, effective_samples, brier, log_score, scored_reports, band, calibration) FROM STDIN (FORMAT BINARY)", ct))
        {
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
        }
        progress("writing", result.Sources.Count, total);

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY claim_estimates (run_id, claim_id, probability, affirm_weight, deny_weight, push_sources, push_affirms, push_weights, push_reliabilities, push_log_odds, push_shared) FROM STDIN (FORMAT BINARY)", ct))
        {
            var written = 0;
            foreach (var estimate in result.Claims)
            {
                var pushes = estimate.Explanation;
                writer.StartRow();
                writer.Write(runId, NpgsqlDbType.Uuid);
                writer.Write(loaded.ClaimIds[estimate.Claim], NpgsqlDbType.Uuid);
                writer.Write(estimate.Probability, NpgsqlDbType.Double);
                writer.Write(estimate.AffirmWeight, NpgsqlDbType.Double);
                writer.Write(estimate.DenyWeight, NpgsqlDbType.Double);
                writer.Write(pushes.Select(p => loaded.SourceIds[p.Source]).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                writer.Write(pushes.Select(p => p.Affirms).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean);
                writer.Write(pushes.Select(p => p.Weight).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
                writer.Write(pushes.Select(p => p.Reliability).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
                writer.Write(pushes.Select(p => p.Push).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);
                writer.Write(pushes.Select(p => p.CountedWithOthers).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean);
                if (++written % 50_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress("writing", result.Sources.Count + written, total);
                }
            }
            await writer.CompleteAsync(ct);
        }
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
