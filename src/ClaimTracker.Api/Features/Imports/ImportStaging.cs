using System.Diagnostics;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ClaimTracker.Api.Features.Imports;

// The valid lines of one upload, streamed with binary COPY into a temporary table on the request's connection
// (no WAL, gone with the session), then loaded into the real tables by set-based SQL in one transaction.
public sealed class ImportStaging : IAsyncDisposable
{
    // Imports load one at a time, so that two files naming the same new claim create it once (claims have no
    // unique key to conflict on). Receiving runs in parallel; only the load transaction waits.
    private const long LoadLock = 0x436c_6169_6d49_6d70; // "ClaimImp"

    // Where the SQL puts a line's number into the history texts that Claim words.
    private const string LineMark = "{line}";

    private readonly ClaimTrackerDbContext _db;
    private readonly NpgsqlConnection _connection;
    private readonly ILogger _logger;

    private ImportStaging(ClaimTrackerDbContext db, ILogger logger)
    {
        _db = db;
        _connection = (NpgsqlConnection)db.Database.GetDbConnection();
        _logger = logger;
    }

    public static async Task<ImportStaging> CreateAsync(ClaimTrackerDbContext db, ILogger logger, CancellationToken ct)
    {
        // Receiving and loading a file take as long as the file is large: not a request's time limits.
        db.Database.SetConnectionString(DatabaseOptions.ForBulkWork(db.Database.GetConnectionString()!));
        await db.Database.OpenConnectionAsync(ct);
        var staging = new ImportStaging(db, logger);
        await staging.ExecuteAsync("""
            DROP TABLE IF EXISTS pg_temp.import_lines;
            CREATE TEMP TABLE import_lines (
                line bigint NOT NULL,
                source text NOT NULL,
                source_slug text NOT NULL,
                question text,
                claim text NOT NULL,
                claim_key text GENERATED ALWAYS AS (claim_key(claim)) STORED,
                polarity text NOT NULL,
                stated_confidence double precision,
                hedge_words text[],
                asserted_at timestamptz,
                resolution text)
            """, null, ct);
        return staging;
    }

    // Reads the whole body. Under reject_file, rows stop going to the database at the first bad line, but the
    // rest of the file is still read so that the answer lists its other bad lines too. Returns the lines read.
    public async Task<long> ReceiveAsync(
        AssertionFile file, ErrorPolicy policy, LineErrors errors, HedgeConfidence hedges, ImportProgress progress, CancellationToken ct)
    {
        var slugs = new BoundedCache<string, string>(name => Slugs.From(name));
        await using (var copy = await _connection.BeginBinaryImportAsync(
            "COPY import_lines (line, source, source_slug, question, claim, polarity, stated_confidence, hedge_words, asserted_at, resolution) FROM STDIN (FORMAT BINARY)",
            ct))
        {
            await foreach (var line in file.ReadAsync(ct))
            {
                if (line.Assertion is not { } assertion) errors.Add(line.Number, line.Error!);
                else if (policy == ErrorPolicy.SkipLine || errors.Total == 0) Write(copy, line.Number, assertion, slugs, hedges);
                await progress.LineReadAsync(ct);
            }
            // Disposing the importer without completing it cancels the COPY: a rejected file stages nothing.
            if (policy == ErrorPolicy.SkipLine || errors.Total == 0) await copy.CompleteAsync(ct);
        }
        return progress.LinesRead;
    }

    // The synchronous writes are a third faster than awaiting each of ten values per row; they block only when
    // the buffer is full and PostgreSQL has not yet taken the previous one.
    private static void Write(
        NpgsqlBinaryImporter copy, long number, AssertionLine line, BoundedCache<string, string> slugs, HedgeConfidence hedges)
    {
        copy.StartRow();
        copy.Write(number, NpgsqlDbType.Bigint);
        copy.Write(line.Source, NpgsqlDbType.Text);
        copy.Write(slugs.Get(line.Source), NpgsqlDbType.Text);
        WriteOrNull(copy, line.Question, NpgsqlDbType.Text);
        copy.Write(line.Claim, NpgsqlDbType.Text);
        copy.Write(SnakeNames.Of(line.Polarity), NpgsqlDbType.Text);
        WriteOrNull(copy, line.Confidence ?? hedges.Of(line.HedgeWords), NpgsqlDbType.Double);
        WriteOrNull(copy, line.HedgeWords, NpgsqlDbType.Array | NpgsqlDbType.Text);
        WriteOrNull(copy, line.Time?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        WriteOrNull(copy, line.Resolution is { } resolution ? SnakeNames.Of(resolution) : null, NpgsqlDbType.Text);
    }

    private static void WriteOrNull<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, type);
    }

    // One claim, one resolution per file: a line that resolves a claim differently from an earlier line is a line error.
    public async Task CheckResolutionsAsync(ErrorPolicy policy, LineErrors errors, CancellationToken ct)
    {
        var conflicting = new List<long>();
        await using (var command = Command("""
            SELECT line, resolution, first_line, first_resolution FROM (
                SELECT line, resolution,
                       first_value(line) OVER (PARTITION BY question, claim_key ORDER BY line) AS first_line,
                       first_value(resolution) OVER (PARTITION BY question, claim_key ORDER BY line) AS first_resolution
                FROM import_lines WHERE resolution IS NOT NULL) r
            WHERE resolution <> first_resolution
            ORDER BY line
            """, null))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var line = reader.GetInt64(0);
                conflicting.Add(line);
                errors.Add(line, $"'resolution' is '{reader.GetString(1)}', but line {reader.GetInt64(2)} resolves the same claim as '{reader.GetString(3)}'.");
            }
        }
        if (conflicting.Count > 0 && policy == ErrorPolicy.SkipLine)
            await ExecuteAsync("DELETE FROM import_lines WHERE line = ANY (@lines)", new() { ["lines"] = conflicting.ToArray() }, ct);
        // Temporary tables are never analysed automatically; without statistics the load would plan for 1,000 rows.
        await ExecuteAsync("ANALYZE import_lines", null, ct);
    }

    // Sources, questions, claims, resolutions and assertions, set-based, in one transaction that also marks the
    // import succeeded: either all of the file is loaded or none of it. A transaction PostgreSQL aborts for
    // colliding with concurrent requests (a deadlock on new sources) wrote nothing and is run again.
    // The rows it writes carry the time the load started; the import finishes (and its duration ends) after the load.
    public async Task LoadAsync(Import import, LineErrors errors, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Collisions.RetryAsync(async () =>
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(ct);
            var counts = await LoadOnceAsync(transaction, import.Id, now, ct);
            import.Succeed(counts.Assertions, errors, counts.NewSources, counts.NewQuestions, counts.NewClaims, clock.GetUtcNow());
            await _db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, () => { }, ct);
    }

    private sealed record LoadCounts(long Assertions, int NewSources, int NewQuestions, int NewClaims);

    private async Task<LoadCounts> LoadOnceAsync(IDbContextTransaction transaction, Guid importId, DateTimeOffset now, CancellationToken ct)
    {
        var tx = (NpgsqlTransaction)transaction.GetDbTransaction();
        var parameters = new Dictionary<string, object?>
        {
            ["import"] = importId,
            ["now"] = now.ToUniversalTime(),
            ["ids"] = IdPrefix(now),
            // The history is read in time order, then id order: the resolution of a claim created by this import
            // shares its time with the "Imported" entry, and its id must sort after it.
            ["later_ids"] = IdPrefix(now.AddMilliseconds(1)),
            // Claim's rules, as values: the SQL below states none of them itself.
            ["first_status"] = SnakeCase.Name(Claim.FirstStatus),
            ["first_version"] = Claim.FirstVersion,
            ["version_step"] = Claim.VersionStep,
            ["line_mark"] = LineMark,
            ["imported"] = Claim.ImportedReason(importId, LineMark),
            ["resolutions"] = Enum.GetValues<Resolution>().Select(SnakeCase.Name).ToArray(),
            ["resolved_statuses"] = Enum.GetValues<Resolution>().Select(r => SnakeCase.Name(Claim.StatusOf(r))).ToArray(),
            ["resolved_reasons"] = Enum.GetValues<Resolution>().Select(r => Claim.ResolvedByImportReason(r, importId, LineMark)).ToArray(),
        };
        async Task<int> Run(string step, string sql)
        {
            var clock = Stopwatch.StartNew();
            var rows = await ExecuteAsync(sql, parameters, ct, tx);
            _logger.LogDebug("Import {Import}: {Step} took {Milliseconds} ms ({Rows} rows)", importId, step, clock.ElapsedMilliseconds, rows);
            return rows;
        }

        await Run("lock", $"SET LOCAL work_mem = '128MB'; SELECT pg_advisory_xact_lock({LoadLock})");

        // Sources: a slug, else a name or alias (case-insensitive, the oldest source first), else the slug
        // derived from the name; a name nothing matches becomes a source of kind 'other'.
        await Run("match sources", """
            CREATE TEMP TABLE import_sources (given text PRIMARY KEY, slug text NOT NULL, first_line bigint NOT NULL, id uuid) ON COMMIT DROP;
            INSERT INTO import_sources (given, slug, first_line)
            SELECT source, min(source_slug), min(line) FROM import_lines GROUP BY source;
            UPDATE import_sources m SET id = s.id FROM sources s WHERE s.slug = m.given;
            ANALYZE import_sources;
            UPDATE import_sources m SET id = s.id
            FROM (SELECT DISTINCT ON (lower(name)) lower(name) AS name, id FROM sources
                  WHERE lower(name) IN (SELECT lower(given) FROM import_sources WHERE id IS NULL)
                  ORDER BY lower(name), created_at, id) s
            WHERE m.id IS NULL AND s.name = lower(m.given);
            UPDATE import_sources m SET id = s.id
            FROM (SELECT DISTINCT ON (alias) alias, id FROM sources CROSS JOIN unnest(lower_each(aliases)) AS alias
                  WHERE cardinality(aliases) > 0 AND alias IN (SELECT lower(given) FROM import_sources WHERE id IS NULL)
                  ORDER BY alias, created_at, id) s
            WHERE m.id IS NULL AND s.alias = lower(m.given);
            UPDATE import_sources m SET id = s.id FROM sources s WHERE m.id IS NULL AND s.slug = m.slug
            """);
        // The rows this load adds are noted as they are inserted (import_added), for the audit below.
        var newSources = await Run("new sources", $"""
            CREATE TEMP TABLE import_added (entity text NOT NULL, entity_id text NOT NULL) ON COMMIT DROP;
            WITH added AS (
                INSERT INTO sources ({Source.InsertColumns})
                SELECT DISTINCT ON (slug) {NewId("ids")}, slug, given, 'other', NULL, NULL, ARRAY[]::text[], NULL, 1, @now, @now
                FROM import_sources WHERE id IS NULL
                ORDER BY slug, first_line
                ON CONFLICT (slug) DO NOTHING
                RETURNING id)
            INSERT INTO import_added (entity, entity_id) SELECT 'sources', id::text FROM added
            """);
        await Run("match new sources", "UPDATE import_sources m SET id = s.id FROM sources s WHERE m.id IS NULL AND s.slug = m.slug");

        var newQuestions = await Run("new questions", $"""
            WITH added AS (
                INSERT INTO questions (id, key, text, created_at)
                SELECT {NewId("ids")}, question, NULL, @now
                FROM (SELECT question, min(line) AS first_line FROM import_lines WHERE question IS NOT NULL GROUP BY question) q
                ORDER BY first_line
                ON CONFLICT (key) DO NOTHING
                RETURNING id)
            INSERT INTO import_added (entity, entity_id) SELECT 'questions', id::text FROM added
            """);

        // Claims: the same statement key (claim_key: case, spacing, quote marks and a final full stop aside, as
        // POST /claims finds duplicates) in the same question, or among claims without a question; the oldest if
        // several match. A new claim takes the wording of the key's first line; new_id is only used when none matches.
        await Run("claims to match", $"""
            CREATE TEMP TABLE import_claims (
                question text, statement text NOT NULL, statement_key text NOT NULL, question_id uuid, first_line bigint NOT NULL,
                first_time timestamptz, resolution text, resolution_line bigint, id uuid, new_id uuid NOT NULL) ON COMMIT DROP;
            INSERT INTO import_claims (question, statement, statement_key, question_id, first_line, first_time, resolution, resolution_line, new_id)
            SELECT g.question, first.claim, g.statement_key, q.id, g.first_line, g.first_time, g.resolution, g.resolution_line, {NewId("ids")}
            FROM (SELECT question, claim_key AS statement_key, min(line) AS first_line, min(asserted_at) AS first_time,
                         min(resolution) AS resolution, min(line) FILTER (WHERE resolution IS NOT NULL) AS resolution_line
                  FROM import_lines GROUP BY question, claim_key) g
            JOIN import_lines first ON first.line = g.first_line
            LEFT JOIN questions q ON q.key = g.question
            ORDER BY g.first_line;
            ANALYZE import_claims;
            UPDATE import_claims m SET id = c.id
            FROM (SELECT DISTINCT ON (statement_key, question_id) coalesce(merged_into_id, id) AS id, statement_key, question_id FROM claims
                  WHERE statement_key IN (SELECT statement_key FROM import_claims)
                  ORDER BY statement_key, question_id, merged_into_id IS NOT NULL, created_at, id) c
            WHERE c.statement_key = m.statement_key AND c.question_id IS NOT DISTINCT FROM m.question_id
            """);
        // A new claim's search row holds its statement alone (it has no reports, evidence or reviews yet, so no language):
        // written here in one statement instead of by the claims trigger, which rebuilds each claim from the texts view
        // and took 78 s for 200,000 claims. The trigger skips inserts while claimtracker.claim_search is 'written_by_caller'
        // (migration ImportClaimSearch); should it run anyway, the rows it writes are the same and the insert below skips them.
        var newClaims = await Run("new claims", """
            SET LOCAL claimtracker.claim_search = 'written_by_caller';
            INSERT INTO claims (id, statement, topics, first_reported_at, status, version, created_at, updated_at, question_id)
            SELECT new_id, statement, '{}', coalesce(first_time, @now), @first_status, @first_version, @now, @now, question_id
            FROM import_claims WHERE id IS NULL;
            SET LOCAL claimtracker.claim_search = '';
            """);
        await Run("claim search", """
            INSERT INTO claim_search (claim_id, language, config, document, tsv)
            SELECT m.new_id, NULL, cfg::text, m.statement,
                   setweight(to_tsvector(cfg, m.statement), 'A') || setweight(to_tsvector(cfg, ''), 'B') || setweight(to_tsvector(cfg, ''), 'C')
            FROM import_claims m CROSS JOIN LATERAL search_config(NULL) AS cfg
            WHERE m.id IS NULL
            ON CONFLICT (claim_id) DO NOTHING
            """);
        await Run("claim history", $"""
            INSERT INTO claim_status_changes (id, claim_id, "from", "to", reason, evidence_id, changed_at)
            SELECT {NewId("ids")}, new_id, NULL, @first_status, replace(@imported, @line_mark, first_line::text), NULL, @now
            FROM import_claims WHERE id IS NULL
            """);

        // Resolutions: a claim already resolved the same way is left as it is; otherwise it moves, with its history.
        await Run("lock resolved claims", """
            SELECT c.id FROM claims c JOIN import_claims m ON c.id = coalesce(m.id, m.new_id)
            WHERE m.resolution IS NOT NULL ORDER BY c.id FOR UPDATE OF c
            """);
        await Run("resolve claims", $"""
            WITH resolutions AS (
                SELECT * FROM unnest(@resolutions, @resolved_statuses, @resolved_reasons) AS r(resolution, status, reason)),
            changed AS (
                SELECT c.id, c.status AS from_status, r.status AS to_status, replace(r.reason, @line_mark, m.resolution_line::text) AS reason
                FROM claims c JOIN import_claims m ON c.id = coalesce(m.id, m.new_id) JOIN resolutions r ON r.resolution = m.resolution
                WHERE c.status <> r.status),
            moved AS (
                UPDATE claims c SET status = ch.to_status, version = c.version + @version_step, updated_at = @now
                FROM changed ch WHERE c.id = ch.id)
            INSERT INTO claim_status_changes (id, claim_id, "from", "to", reason, evidence_id, changed_at)
            SELECT {NewId("later_ids")}, id, from_status, to_status, reason, NULL, @now
            FROM changed
            """);

        // The file's assertions go into a table of their own, the import's partition of assertions (migration
        // AssertionsByImport): no index or foreign key to maintain row by row while it fills; its indexes are built
        // once, and its foreign keys checked in one join each when it is attached, the last step before the commit.
        var partition = PartitionOf(importId);
        var assertions = await Run("assertions", $"""
            CREATE TABLE {partition} (LIKE assertions INCLUDING DEFAULTS, CHECK (import_id IS NOT NULL AND import_id = '{importId}'));
            INSERT INTO {partition} (claim_id, source_id, import_id, line, polarity, stated_confidence, hedge_words, asserted_at)
            SELECT coalesce(c.id, c.new_id), s.id, @import, l.line, l.polarity, l.stated_confidence, l.hedge_words, l.asserted_at
            FROM import_lines l
            JOIN import_sources s ON s.given = l.source
            JOIN import_claims c ON c.statement_key = l.claim_key AND coalesce(c.question, '') = coalesce(l.question, '')
            """);
        await Run("assertion indexes", $"""
            ALTER TABLE {partition} ADD PRIMARY KEY (id);
            CREATE INDEX ON {partition} (claim_id);
            CREATE INDEX ON {partition} (source_id);
            ANALYZE {partition}
            """);

        // The rows the file created or resolved join the import's audit entry (who sent it), so that the audit
        // of an imported claim, source or question says who recorded it. The entry is looked up once (MATERIALIZED):
        // inlined, the planner may scan audit_changes again for each of 200,000 changes. New sources and questions
        // come from import_added, not from their tables: the tables' statistics predate the rows this load added,
        // and once said 1 row where 25,000 matched, and a nested loop ran for minutes.
        await Run("audit", """
            WITH entry AS MATERIALIZED (
                SELECT audit_entry_id AS id FROM audit_changes WHERE entity = 'imports' AND entity_id = @import::text LIMIT 1)
            INSERT INTO audit_changes (audit_entry_id, entity, entity_id, change)
            SELECT entry.id, changed.entity, changed.entity_id, changed.change FROM entry, (
                SELECT entity, entity_id, 'added' AS change FROM import_added
                UNION ALL
                SELECT 'claims', new_id::text, 'added' FROM import_claims WHERE id IS NULL
                UNION ALL
                SELECT 'claims', c.id::text, 'modified'
                FROM import_claims m JOIN claims c ON c.id = m.id WHERE m.resolution IS NOT NULL AND c.updated_at = @now) changed
            """);

        // Attaching checks the partition's foreign keys set-based, and locks claims, sources and imports against writes
        // until the commit (adding a foreign key does): so it comes last.
        await Run("attach assertions", $"ALTER TABLE assertions ATTACH PARTITION {partition} FOR VALUES IN ('{importId}')");

        // An affirming assertion counts in its source's track record (migration AssertionsInTrackRecords). The partition
        // filled out of sight of the assertions triggers, so its claims are refreshed here, once each, now that it is
        // attached and its rows visible: the claims this load created need no lock (no other transaction sees them).
        await Run("track records", """
            SELECT refresh_source_track_records(ARRAY(SELECT new_id FROM import_claims WHERE id IS NULL), true);
            SELECT refresh_source_track_records(ARRAY(SELECT id FROM import_claims WHERE id IS NOT NULL))
            """);
        return new LoadCounts(assertions, newSources, newQuestions, newClaims);
    }

    // A Guid's "N" form is hexadecimal digits only: safe in SQL as an identifier, and within its 63 characters.
    private static string PartitionOf(Guid importId) => $"assertions_{importId:N}";

    // Rows created here get time-ordered ids like Guid.CreateVersion7 gives entities: the import's millisecond,
    // version 7, then random bits (PostgreSQL 15 has no uuidv7()). '0193b1c2-5a3f-7' + 'xxx-yxxx-xxxxxxxxxxxx'.
    private static string IdPrefix(DateTimeOffset time)
    {
        var hex = time.ToUnixTimeMilliseconds().ToString("x12");
        return $"{hex[..8]}-{hex[8..]}-7";
    }

    private static string NewId(string prefixParameter) => $"(@{prefixParameter} || substr(gen_random_uuid()::text, 16))::uuid";

    private NpgsqlCommand Command(string sql, Dictionary<string, object?>? parameters, NpgsqlTransaction? transaction = null)
    {
        var command = new NpgsqlCommand(sql, _connection, transaction);
        foreach (var (name, value) in parameters ?? []) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private async Task<int> ExecuteAsync(
        string sql, Dictionary<string, object?>? parameters, CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        await using var command = Command(sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.FullState == System.Data.ConnectionState.Open)
                await ExecuteAsync("DROP TABLE IF EXISTS pg_temp.import_lines", null, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // A broken connection is not returned to the pool, and its temporary table goes with it.
        }
        await _db.Database.CloseConnectionAsync();
    }
}

// How far an upload has got: counted on every line, and written to the import row every 10,000 lines through a
// short connection of its own (the request's connection is busy with the COPY), so that GET /imports/{id} sees it.
public sealed class ImportProgress(string connectionString, Guid importId)
{
    public const int WriteEvery = 10_000;

    public long LinesRead { get; private set; }

    public async ValueTask LineReadAsync(CancellationToken ct)
    {
        if (++LinesRead % WriteEvery != 0) return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("UPDATE imports SET lines_read = @lines WHERE id = @id", connection);
        command.Parameters.AddWithValue("lines", LinesRead);
        command.Parameters.AddWithValue("id", importId);
        await command.ExecuteNonQueryAsync(ct);
    }
}

// Reads hedge words through the current lexicon into a stated confidence, as reports do (HedgeAnalysis). The
// answer for each set of words is remembered: an archive repeats the same few hedges a million times.
public sealed class HedgeConfidence(LexiconSnapshot? lexicon)
{
    private readonly BoundedCache<string, double?> _known = new(key => lexicon is null
        ? null
        : HedgeAnalysis.Analyze(lexicon.Matcher, "", key.Split('\0')).Confidence.Probability);

    public double? Of(IReadOnlyList<string>? hedgeWords) =>
        hedgeWords is null or { Count: 0 } ? null : _known.Get(string.Join('\0', hedgeWords));
}

// Remembers up to 100,000 answers, then starts again: enough for the sources and hedges of a file, without
// growing with it.
public sealed class BoundedCache<TKey, TValue>(Func<TKey, TValue> compute) where TKey : notnull
{
    private const int Capacity = 100_000;
    private readonly Dictionary<TKey, TValue> _values = new();

    public TValue Get(TKey key)
    {
        if (_values.TryGetValue(key, out var value)) return value;
        if (_values.Count >= Capacity) _values.Clear();
        return _values[key] = compute(key);
    }
}
