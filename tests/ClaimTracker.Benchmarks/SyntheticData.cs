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
        // The secondary indexes of claims and assertions (trigram GIN and GiST on statements among them) are built once
        // after the load rather than row by row: the benchmark is of the re-score, not of writing its data.
        var indexes = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename IN ('claims', 'assertions')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add(reader.GetString(0));
        foreach (var definition in indexes)
        {
            // "CREATE [UNIQUE] INDEX name ON ..."
            var name = definition.Split(' ')[definition.StartsWith("CREATE UNIQUE", StringComparison.Ordinal) ? 3 : 2];
            await using var drop = new NpgsqlCommand($"DROP INDEX {name}", connection);
            await drop.ExecuteNonQueryAsync();
        }
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
                writer.WriteRow(sourceIds[i], $"synthetic-source-{i}", $"Synthetic source {i}", "other", 1, now, now);
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
                writer.WriteRow(questionIds[q], $"synthetic-question-{q}", now);
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
                writer.StartRow();
                writer.Write(claimIds[c], NpgsqlDbType.Uuid);
                writer.Write($"Synthetic claim {c}", NpgsqlDbType.Varchar);
                writer.Write(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                writer.Write(now, NpgsqlDbType.TimestampTz);
                writer.Write(status, NpgsqlDbType.Varchar);
                writer.Write(1, NpgsqlDbType.Integer);
                writer.Write(now, NpgsqlDbType.TimestampTz);
                writer.Write(now, NpgsqlDbType.TimestampTz);
                if (question is { } q) writer.Write(q, NpgsqlDbType.Uuid); else writer.WriteNull();
            }
            await writer.CompleteAsync();
        }
        log.WriteLine($"    {claims:N0} claims ({questionIds.Length:N0} questions of two alternatives, about 10% resolved)");

        // The statement trigger that keeps track records would refresh every claim at once over assertions whose
        // indexes are dropped (it ran for minutes at 1M votes): off during the load. Track records (counts of what each
        // source said) are not read by a re-score, so this throwaway database is left without them.
        await using (var off = new NpgsqlCommand("ALTER TABLE assertions DISABLE TRIGGER track_records_assertions_ins", connection))
            await off.ExecuteNonQueryAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY assertions (claim_id, source_id, polarity, stated_confidence, asserted_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var v = 0; v < votes; v++)
            {
                var claim = v % claims;
                var source = random.Next(sources);
                var right = random.NextDouble() < accuracy[source];
                var affirms = truth[claim] == right;
                writer.StartRow();
                writer.Write(claimIds[claim], NpgsqlDbType.Uuid);
                writer.Write(sourceIds[source], NpgsqlDbType.Uuid);
                writer.Write(affirms ? "affirms" : "denies", NpgsqlDbType.Varchar);
                if (random.NextDouble() < 0.5) writer.Write(0.5 + random.NextDouble() * 0.5, NpgsqlDbType.Double);
                else writer.WriteNull();
                writer.Write(now.AddDays(-random.Next(0, 1000)), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using (var on = new NpgsqlCommand("ALTER TABLE assertions ENABLE TRIGGER track_records_assertions_ins", connection))
            await on.ExecuteNonQueryAsync();
        log.WriteLine($"    {votes:N0} assertions");
        foreach (var definition in indexes)
        {
            await using var create = new NpgsqlCommand(definition, connection) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync();
        }
        log.WriteLine($"    {indexes.Count} secondary indexes of claims and assertions rebuilt");
    }
}
