using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class IncrementalTrackRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL: incremental track records ----
            // The view recomputed every report, link and claim per request (seconds at 200k claims). Its outcome
            // rows are now kept per (claim, source) in source_claim_outcomes and summed per source in
            // source_track_record_counts, both refreshed by triggers in the transaction that changes them, so
            // every writer (EF, set-based SQL, merges, imports) is covered. The old view stays, renamed, as the
            // definition the counts must equal (tests compare both).
            migrationBuilder.Sql("""
                ALTER VIEW source_track_records RENAME TO source_track_records_recomputed;

                CREATE TABLE source_claim_outcomes (
                    claim_id uuid NOT NULL,
                    source_id uuid NOT NULL,
                    as_origin boolean NOT NULL,
                    outcome text NOT NULL,
                    PRIMARY KEY (claim_id, source_id)
                );

                CREATE TABLE source_track_record_counts (
                    source_id uuid PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
                    originated int NOT NULL DEFAULT 0,
                    relayed int NOT NULL DEFAULT 0,
                    confirmed int NOT NULL DEFAULT 0,
                    partly_confirmed int NOT NULL DEFAULT 0,
                    contradicted int NOT NULL DEFAULT 0,
                    disputed int NOT NULL DEFAULT 0,
                    pending int NOT NULL DEFAULT 0,
                    unresolvable int NOT NULL DEFAULT 0,
                    sample_size int GENERATED ALWAYS AS (confirmed + partly_confirmed + contradicted) STORED,
                    -- The view's expression, so the figures are the same to the last bit.
                    accuracy double precision GENERATED ALWAYS AS (
                        CASE WHEN confirmed + partly_confirmed + contradicted = 0 THEN NULL
                             ELSE (confirmed + 0.5 * partly_confirmed) / (confirmed + partly_confirmed + contradicted)
                        END::double precision) STORED
                );
                CREATE INDEX ix_source_track_record_counts_accuracy ON source_track_record_counts (accuracy DESC NULLS LAST);
                CREATE INDEX ix_source_track_record_counts_sample_size ON source_track_record_counts (sample_size DESC);

                -- Recomputes the outcome rows of the given claims (the view's logic restricted to them), stores the
                -- difference and adds it to the per-source counts. Claims are locked first (advisory, in id order)
                -- so two transactions refreshing one claim cannot both diff against the same old rows; counts rows
                -- are locked in source order so concurrent refreshes do not deadlock, and updated as n = n + delta.
                CREATE FUNCTION refresh_source_track_records(affected uuid[]) RETURNS void
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

                -- Statement-level triggers with transition tables: a set-based write refreshes each claim once.
                CREATE FUNCTION track_records_reports_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(SELECT claim_id FROM new_rows));
                    RETURN NULL;
                END $fn$;
                CREATE FUNCTION track_records_reports_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(SELECT claim_id FROM old_rows));
                    RETURN NULL;
                END $fn$;
                -- A merge moves reports to the surviving claim: both claims change.
                CREATE FUNCTION track_records_reports_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(
                        SELECT unnest(ARRAY[o.claim_id, n.claim_id])
                        FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE o.claim_id IS DISTINCT FROM n.claim_id OR o.reported_at IS DISTINCT FROM n.reported_at));
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER track_records_reports_ins AFTER INSERT ON reports
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_reports_inserted();
                CREATE TRIGGER track_records_reports_del AFTER DELETE ON reports
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_reports_deleted();
                CREATE TRIGGER track_records_reports_upd AFTER UPDATE ON reports
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_reports_updated();

                -- Links deleted with their report find no report here; the report's own trigger refreshes its claim.
                CREATE FUNCTION track_records_chain_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(SELECT r.claim_id FROM reports r WHERE r.id IN (SELECT report_id FROM new_rows)));
                    RETURN NULL;
                END $fn$;
                CREATE FUNCTION track_records_chain_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(SELECT r.claim_id FROM reports r WHERE r.id IN (SELECT report_id FROM old_rows)));
                    RETURN NULL;
                END $fn$;
                CREATE FUNCTION track_records_chain_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(
                        SELECT r.claim_id FROM reports r
                        WHERE r.id IN (SELECT report_id FROM new_rows UNION SELECT report_id FROM old_rows)));
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER track_records_chain_ins AFTER INSERT ON report_chain
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_chain_inserted();
                CREATE TRIGGER track_records_chain_del AFTER DELETE ON report_chain
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_chain_deleted();
                CREATE TRIGGER track_records_chain_upd AFTER UPDATE ON report_chain
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_chain_updated();

                -- Status covers evidence, resolutions, reopening and superseding; true_until moves the cut-off.
                CREATE FUNCTION track_records_claims_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE o.status IS DISTINCT FROM n.status OR o.true_until IS DISTINCT FROM n.true_until));
                    RETURN NULL;
                END $fn$;
                CREATE FUNCTION track_records_claims_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(SELECT id FROM old_rows));
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER track_records_claims_upd AFTER UPDATE ON claims
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_claims_updated();
                CREATE TRIGGER track_records_claims_del AFTER DELETE ON claims
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_claims_deleted();

                CREATE FUNCTION track_records_sources_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    INSERT INTO source_track_record_counts (source_id) SELECT id FROM new_rows ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER track_records_sources_ins AFTER INSERT ON sources
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_sources_inserted();

                -- Backfill from the definition.
                INSERT INTO source_claim_outcomes (claim_id, source_id, as_origin, outcome)
                SELECT carried.claim_id, carried.source_id, carried.as_origin,
                       CASE c.status
                           WHEN 'confirmed' THEN 'confirmed' WHEN 'true' THEN 'confirmed' WHEN 'superseded' THEN 'confirmed'
                           WHEN 'partly_confirmed' THEN 'partly_confirmed' WHEN 'mixed' THEN 'partly_confirmed'
                           WHEN 'contradicted' THEN 'contradicted' WHEN 'false' THEN 'contradicted'
                           WHEN 'disputed' THEN 'disputed'
                           WHEN 'unresolvable' THEN 'unresolvable'
                           ELSE 'pending'
                       END
                FROM (
                    SELECT r.claim_id, rc.source_id, bool_or(rc.role = 'origin') AS as_origin, min(r.reported_at) AS first_at
                    FROM report_chain rc
                    JOIN reports r ON r.id = rc.report_id
                    GROUP BY r.claim_id, rc.source_id
                ) carried
                JOIN claims c ON c.id = carried.claim_id
                WHERE NOT (c.status = 'superseded' AND carried.first_at > c.true_until);

                INSERT INTO source_track_record_counts (source_id, originated, relayed, confirmed, partly_confirmed,
                                                        contradicted, disputed, pending, unresolvable)
                SELECT source_id, originated, relayed, confirmed, partly_confirmed, contradicted, disputed, pending, unresolvable
                FROM source_track_records_recomputed;
                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER track_records_sources_ins ON sources;
                DROP TRIGGER track_records_claims_del ON claims;
                DROP TRIGGER track_records_claims_upd ON claims;
                DROP TRIGGER track_records_chain_upd ON report_chain;
                DROP TRIGGER track_records_chain_del ON report_chain;
                DROP TRIGGER track_records_chain_ins ON report_chain;
                DROP TRIGGER track_records_reports_upd ON reports;
                DROP TRIGGER track_records_reports_del ON reports;
                DROP TRIGGER track_records_reports_ins ON reports;
                DROP FUNCTION track_records_sources_inserted();
                DROP FUNCTION track_records_claims_deleted();
                DROP FUNCTION track_records_claims_updated();
                DROP FUNCTION track_records_chain_updated();
                DROP FUNCTION track_records_chain_deleted();
                DROP FUNCTION track_records_chain_inserted();
                DROP FUNCTION track_records_reports_updated();
                DROP FUNCTION track_records_reports_deleted();
                DROP FUNCTION track_records_reports_inserted();
                DROP FUNCTION refresh_source_track_records(uuid[]);
                DROP TABLE source_track_record_counts;
                DROP TABLE source_claim_outcomes;
                ALTER VIEW source_track_records_recomputed RENAME TO source_track_records;
                """);
        }
    }
}
