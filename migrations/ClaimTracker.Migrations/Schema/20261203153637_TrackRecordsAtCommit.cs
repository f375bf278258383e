using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class TrackRecordsAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL: track-record counts added at commit ----
            // refresh_source_track_records locked a source's counts row from the write that changed its record to the
            // end of the transaction, so concurrent writes citing one busy source ran one after another (creates waited
            // seconds on the chain insert under load). Now it only notes the change in source_track_record_pending,
            // and a deferred trigger adds the transaction's notes to the counts when it commits: the row is locked for
            // the commit alone. The notes of a transaction are never seen by another: they are gone when it commits.
            migrationBuilder.Sql("""
                CREATE TABLE source_track_record_pending (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    source_id uuid NOT NULL,
                    originated int NOT NULL,
                    relayed int NOT NULL,
                    confirmed int NOT NULL,
                    partly_confirmed int NOT NULL,
                    contradicted int NOT NULL,
                    disputed int NOT NULL,
                    pending int NOT NULL,
                    unresolvable int NOT NULL
                );

                -- The first firing in a transaction applies all its notes (every row still here is this transaction's),
                -- counts rows locked in source order so concurrent commits do not deadlock; later firings find nothing.
                CREATE FUNCTION track_records_apply_pending() RETURNS trigger LANGUAGE plpgsql AS $fn$
                DECLARE
                    deltas jsonb;
                BEGIN
                    WITH moved AS (
                        DELETE FROM source_track_record_pending RETURNING *
                    )
                    SELECT jsonb_agg(to_jsonb(t) ORDER BY t.source_id) INTO deltas
                    FROM (
                        SELECT source_id, sum(originated) AS originated, sum(relayed) AS relayed, sum(confirmed) AS confirmed,
                               sum(partly_confirmed) AS partly_confirmed, sum(contradicted) AS contradicted,
                               sum(disputed) AS disputed, sum(pending) AS pending, sum(unresolvable) AS unresolvable
                        FROM moved GROUP BY source_id
                    ) t;
                    IF deltas IS NULL THEN
                        RETURN NULL;
                    END IF;

                    PERFORM 1 FROM source_track_record_counts c
                    WHERE c.source_id IN (SELECT (e ->> 'source_id')::uuid FROM jsonb_array_elements(deltas) e)
                    ORDER BY c.source_id
                    FOR NO KEY UPDATE;

                    UPDATE source_track_record_counts c
                    SET originated = c.originated + d.originated,
                        relayed = c.relayed + d.relayed,
                        confirmed = c.confirmed + d.confirmed,
                        partly_confirmed = c.partly_confirmed + d.partly_confirmed,
                        contradicted = c.contradicted + d.contradicted,
                        disputed = c.disputed + d.disputed,
                        pending = c.pending + d.pending,
                        unresolvable = c.unresolvable + d.unresolvable
                    FROM jsonb_to_recordset(deltas) AS d(source_id uuid, originated int, relayed int, confirmed int,
                        partly_confirmed int, contradicted int, disputed int, pending int, unresolvable int)
                    WHERE c.source_id = d.source_id;
                    RETURN NULL;
                END
                $fn$;

                CREATE CONSTRAINT TRIGGER track_records_apply_pending AFTER INSERT ON source_track_record_pending
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION track_records_apply_pending();

                CREATE OR REPLACE FUNCTION refresh_source_track_records(affected uuid[]) RETURNS void
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    deltas jsonb;
                BEGIN
                    SELECT array_agg(DISTINCT id ORDER BY id) INTO affected FROM unnest(affected) AS id WHERE id IS NOT NULL;
                    IF affected IS NULL THEN
                        RETURN;
                    END IF;
                    PERFORM pg_advisory_xact_lock(1313, hashtext(id::text)) FROM unnest(affected) WITH ORDINALITY AS a(id, n) ORDER BY n;

                    WITH carried AS (
                        SELECT r.claim_id, rc.source_id, bool_or(rc.role = 'origin') AS as_origin, min(r.reported_at) AS first_at
                        FROM reports r
                        JOIN report_chain rc ON rc.report_id = r.id
                        WHERE r.claim_id = ANY (affected)
                        GROUP BY r.claim_id, rc.source_id
                    ), fresh AS (
                        SELECT carried.claim_id, carried.source_id, carried.as_origin,
                               CASE c.status
                                   WHEN 'confirmed' THEN 'confirmed' WHEN 'true' THEN 'confirmed' WHEN 'superseded' THEN 'confirmed'
                                   WHEN 'partly_confirmed' THEN 'partly_confirmed' WHEN 'mixed' THEN 'partly_confirmed'
                                   WHEN 'contradicted' THEN 'contradicted' WHEN 'false' THEN 'contradicted'
                                   WHEN 'disputed' THEN 'disputed'
                                   WHEN 'unresolvable' THEN 'unresolvable'
                                   ELSE 'pending'
                               END AS outcome
                        FROM carried
                        JOIN claims c ON c.id = carried.claim_id
                        WHERE NOT (c.status = 'superseded' AND carried.first_at > c.true_until)
                    ), stored AS (
                        SELECT o.claim_id, o.source_id, o.as_origin, o.outcome
                        FROM source_claim_outcomes o
                        WHERE o.claim_id = ANY (affected)
                    ), diff AS (
                        SELECT coalesce(f.claim_id, s.claim_id) AS claim_id, coalesce(f.source_id, s.source_id) AS source_id,
                               f.as_origin AS new_origin, f.outcome AS new_outcome, s.as_origin AS old_origin, s.outcome AS old_outcome
                        FROM fresh f
                        FULL JOIN stored s ON s.claim_id = f.claim_id AND s.source_id = f.source_id
                        WHERE f.as_origin IS DISTINCT FROM s.as_origin OR f.outcome IS DISTINCT FROM s.outcome
                    ), removed AS (
                        DELETE FROM source_claim_outcomes o
                        USING diff d
                        WHERE d.new_outcome IS NULL AND o.claim_id = d.claim_id AND o.source_id = d.source_id
                    ), written AS (
                        INSERT INTO source_claim_outcomes (claim_id, source_id, as_origin, outcome)
                        SELECT claim_id, source_id, new_origin, new_outcome FROM diff WHERE new_outcome IS NOT NULL
                        ON CONFLICT (claim_id, source_id) DO UPDATE SET as_origin = excluded.as_origin, outcome = excluded.outcome
                    ), signed AS (
                        SELECT source_id, new_origin AS as_origin, new_outcome AS outcome, 1 AS sign FROM diff WHERE new_outcome IS NOT NULL
                        UNION ALL
                        SELECT source_id, old_origin, old_outcome, -1 FROM diff WHERE old_outcome IS NOT NULL
                    )
                    SELECT jsonb_agg(to_jsonb(t) ORDER BY t.source_id) INTO deltas
                    FROM (
                        SELECT source_id,
                               coalesce(sum(sign) FILTER (WHERE as_origin), 0) AS originated,
                               coalesce(sum(sign) FILTER (WHERE NOT as_origin), 0) AS relayed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'confirmed'), 0) AS confirmed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'partly_confirmed'), 0) AS partly_confirmed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'contradicted'), 0) AS contradicted,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'disputed'), 0) AS disputed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'pending'), 0) AS pending,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'unresolvable'), 0) AS unresolvable
                        FROM signed
                        GROUP BY source_id
                    ) t;

                    IF deltas IS NULL THEN
                        RETURN;
                    END IF;

                    -- Only noted here; added to the counts at commit (track_records_apply_pending), so the counts
                    -- row of a busy source is locked for the commit alone, not for the rest of the transaction.
                    INSERT INTO source_track_record_pending (source_id, originated, relayed, confirmed, partly_confirmed,
                        contradicted, disputed, pending, unresolvable)
                    SELECT d.source_id, d.originated, d.relayed, d.confirmed, d.partly_confirmed, d.contradicted, d.disputed,
                           d.pending, d.unresolvable
                    FROM jsonb_to_recordset(deltas) AS d(source_id uuid, originated int, relayed int, confirmed int,
                        partly_confirmed int, contradicted int, disputed int, pending int, unresolvable int);
                END
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION refresh_source_track_records(affected uuid[]) RETURNS void
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    deltas jsonb;
                BEGIN
                    SELECT array_agg(DISTINCT id ORDER BY id) INTO affected FROM unnest(affected) AS id WHERE id IS NOT NULL;
                    IF affected IS NULL THEN
                        RETURN;
                    END IF;
                    PERFORM pg_advisory_xact_lock(1313, hashtext(id::text)) FROM unnest(affected) WITH ORDINALITY AS a(id, n) ORDER BY n;

                    WITH carried AS (
                        SELECT r.claim_id, rc.source_id, bool_or(rc.role = 'origin') AS as_origin, min(r.reported_at) AS first_at
                        FROM reports r
                        JOIN report_chain rc ON rc.report_id = r.id
                        WHERE r.claim_id = ANY (affected)
                        GROUP BY r.claim_id, rc.source_id
                    ), fresh AS (
                        SELECT carried.claim_id, carried.source_id, carried.as_origin,
                               CASE c.status
                                   WHEN 'confirmed' THEN 'confirmed' WHEN 'true' THEN 'confirmed' WHEN 'superseded' THEN 'confirmed'
                                   WHEN 'partly_confirmed' THEN 'partly_confirmed' WHEN 'mixed' THEN 'partly_confirmed'
                                   WHEN 'contradicted' THEN 'contradicted' WHEN 'false' THEN 'contradicted'
                                   WHEN 'disputed' THEN 'disputed'
                                   WHEN 'unresolvable' THEN 'unresolvable'
                                   ELSE 'pending'
                               END AS outcome
                        FROM carried
                        JOIN claims c ON c.id = carried.claim_id
                        WHERE NOT (c.status = 'superseded' AND carried.first_at > c.true_until)
                    ), stored AS (
                        SELECT o.claim_id, o.source_id, o.as_origin, o.outcome
                        FROM source_claim_outcomes o
                        WHERE o.claim_id = ANY (affected)
                    ), diff AS (
                        SELECT coalesce(f.claim_id, s.claim_id) AS claim_id, coalesce(f.source_id, s.source_id) AS source_id,
                               f.as_origin AS new_origin, f.outcome AS new_outcome, s.as_origin AS old_origin, s.outcome AS old_outcome
                        FROM fresh f
                        FULL JOIN stored s ON s.claim_id = f.claim_id AND s.source_id = f.source_id
                        WHERE f.as_origin IS DISTINCT FROM s.as_origin OR f.outcome IS DISTINCT FROM s.outcome
                    ), removed AS (
                        DELETE FROM source_claim_outcomes o
                        USING diff d
                        WHERE d.new_outcome IS NULL AND o.claim_id = d.claim_id AND o.source_id = d.source_id
                    ), written AS (
                        INSERT INTO source_claim_outcomes (claim_id, source_id, as_origin, outcome)
                        SELECT claim_id, source_id, new_origin, new_outcome FROM diff WHERE new_outcome IS NOT NULL
                        ON CONFLICT (claim_id, source_id) DO UPDATE SET as_origin = excluded.as_origin, outcome = excluded.outcome
                    ), signed AS (
                        SELECT source_id, new_origin AS as_origin, new_outcome AS outcome, 1 AS sign FROM diff WHERE new_outcome IS NOT NULL
                        UNION ALL
                        SELECT source_id, old_origin, old_outcome, -1 FROM diff WHERE old_outcome IS NOT NULL
                    )
                    SELECT jsonb_agg(to_jsonb(t) ORDER BY t.source_id) INTO deltas
                    FROM (
                        SELECT source_id,
                               coalesce(sum(sign) FILTER (WHERE as_origin), 0) AS originated,
                               coalesce(sum(sign) FILTER (WHERE NOT as_origin), 0) AS relayed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'confirmed'), 0) AS confirmed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'partly_confirmed'), 0) AS partly_confirmed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'contradicted'), 0) AS contradicted,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'disputed'), 0) AS disputed,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'pending'), 0) AS pending,
                               coalesce(sum(sign) FILTER (WHERE outcome = 'unresolvable'), 0) AS unresolvable
                        FROM signed
                        GROUP BY source_id
                    ) t;

                    IF deltas IS NULL THEN
                        RETURN;
                    END IF;

                    PERFORM 1 FROM source_track_record_counts c
                    WHERE c.source_id IN (SELECT (e ->> 'source_id')::uuid FROM jsonb_array_elements(deltas) e)
                    ORDER BY c.source_id
                    FOR NO KEY UPDATE;

                    UPDATE source_track_record_counts c
                    SET originated = c.originated + d.originated,
                        relayed = c.relayed + d.relayed,
                        confirmed = c.confirmed + d.confirmed,
                        partly_confirmed = c.partly_confirmed + d.partly_confirmed,
                        contradicted = c.contradicted + d.contradicted,
                        disputed = c.disputed + d.disputed,
                        pending = c.pending + d.pending,
                        unresolvable = c.unresolvable + d.unresolvable
                    FROM jsonb_to_recordset(deltas) AS d(source_id uuid, originated int, relayed int, confirmed int,
                        partly_confirmed int, contradicted int, disputed int, pending int, unresolvable int)
                    WHERE c.source_id = d.source_id;
                END
                $fn$;

                DROP TRIGGER track_records_apply_pending ON source_track_record_pending;
                DROP FUNCTION track_records_apply_pending();
                DROP TABLE source_track_record_pending;
                """);
        }
    }
}
