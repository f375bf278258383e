using Npgsql;
using NpgsqlTypes;

namespace ClaimTracker.Benchmarks;

// A deterministic data set at the scale the scoring must handle: sources of known accuracy voting on claims,
// some claims grouped in questions of two alternatives, some resolved. Written straight into the tables with COPY.
public sealed class SyntheticData(int sources, int claims, int votes, int seed = 42)
{
    public async Task WriteAsync(NpgsqlConnection connection, TextWriter log)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var sourceIds = Enumerable.Range(0, sources).Select(_ => Guid.CreateVersion7()).ToArray();
        var accuracy = Enumerable.Range(0, sources).Select(_ => 0.55 + random.NextDouble() * 0.4).ToArray();
        var claimIds = Enumerable.Range(0, claims).Select(_ => Guid.CreateVersion7()).ToArray();
        var truth = new bool[claims];
        var questionIds = new Guid[claims / 4];

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY sources (id, slug, name, kind, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < sources; i++)
            {
                await writer.WriteRowAsync(default, sourceIds[i], $"synthetic-source-{i}", $"Synthetic source {i}", "other", 1, now, now);
            }
            await writer.CompleteAsync();
        }
        log.WriteLine($"    {sources:N0} sources");

        // Half the claims come in pairs of alternatives: one true, one false.
        await using (var writer = await connection.BeginBinaryImportAsync("COPY questions (id, key, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var q = 0; q < questionIds.Length; q++)
            {
                questionIds[q] = Guid.CreateVersion7();
                await writer.WriteRowAsync(default, questionIds[q], $"synthetic-question-{q}", now);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY claims (id, statement, topics, first_reported_at, status, version, created_at, updated_at, question_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < claims; c++)
            {
                var question = c < questionIds.Length * 2 ? questionIds[c / 2] : (Guid?)null;
                truth[c] = question is null ? random.NextDouble() < 0.5 : c % 2 == (c / 2) % 2;
                var status = random.NextDouble() < 0.1 ? (truth[c] ? "true" : "false") : "unverified";
                await writer.StartRowAsync();
                await writer.WriteAsync(claimIds[c], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Synthetic claim {c}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(status, NpgsqlDbType.Varchar);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                if (question is { } q) await writer.WriteAsync(q, NpgsqlDbType.Uuid); else await writer.WriteNullAsync();
            }
            await writer.CompleteAsync();
        }
        log.WriteLine($"    {claims:N0} claims ({questionIds.Length:N0} questions of two alternatives, about 10% resolved)");

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY assertions (claim_id, source_id, polarity, stated_confidence, asserted_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var v = 0; v < votes; v++)
            {
                var claim = v % claims;
                var source = random.Next(sources);
                var right = random.NextDouble() < accuracy[source];
                var affirms = truth[claim] == right;
                await writer.StartRowAsync();
                await writer.WriteAsync(claimIds[claim], NpgsqlDbType.Uuid);
                await writer.WriteAsync(sourceIds[source], NpgsqlDbType.Uuid);
                await writer.WriteAsync(affirms ? "affirms" : "denies", NpgsqlDbType.Varchar);
                if (random.NextDouble() < 0.5) await writer.WriteAsync(0.5 + random.NextDouble() * 0.5, NpgsqlDbType.Double);
                else await writer.WriteNullAsync();
                await writer.WriteAsync(now.AddDays(-random.Next(0, 1000)), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        log.WriteLine($"    {votes:N0} assertions");
    }
}
