using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class AssertionsInTrackRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL: one model of "a source said this" ----
            // An imported assertion that affirms a claim counts in its source's track record as a report of which the
            // source is the origin; the source "carried" the claim from the first time it said so (an undated assertion
            // counts as said before a superseded claim's true_until). A denial is not counted: the source did not carry
            // the claim, it said the opposite (README, "Track records"). Reads that list what a source said (GET
            // /claims?source=, GET /sources/{idOrSlug}) take both kinds of assertion.
            // refresh_source_track_records gains created_here: claims this transaction created are seen by no other,
            // so they need no lock, and an import's hundreds of thousands of new claims would not fit the lock table;
            // nor would as many claims it names again, which are therefore locked in buckets.
            migrationBuilder.Sql("""
                DROP FUNCTION refresh_source_track_records(uuid[]);

                CREATE FUNCTION refresh_source_track_records(affected uuid[], created_here boolean DEFAULT false) RETURNS void
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    deltas jsonb;
                BEGIN
                    SELECT array_agg(DISTINCT id ORDER BY id) INTO affected FROM unnest(affected) AS id WHERE id IS NOT NULL;
                    IF affected IS NULL THEN
                        RETURN;
                    END IF;
                    -- Claims are locked in 1,024 buckets, then one by one: a refresh of a few claims holds its buckets
                    -- shared and its claims exclusive; one of more claims than the lock table could hold (a file
                    -- re-importing 200,000 claims) holds its buckets exclusive instead. Buckets go first, in order, so
                    -- the two kinds cannot deadlock on each other.
                    IF NOT created_here THEN
                        IF cardinality(affected) > 1000 THEN
                            PERFORM pg_advisory_xact_lock(1314, b)
                            FROM (SELECT DISTINCT hashtext(id::text) & 1023 AS b FROM unnest(affected) AS id) buckets ORDER BY b;
                        ELSE
                            PERFORM pg_advisory_xact_lock_shared(1314, b)
                            FROM (SELECT DISTINCT hashtext(id::text) & 1023 AS b FROM unnest(affected) AS id) buckets ORDER BY b;
                            PERFORM pg_advisory_xact_lock(1313, hashtext(id::text)) FROM unnest(affected) WITH ORDINALITY AS a(id, n) ORDER BY n;
                        END IF;
                    END IF;

                    WITH said AS (
                        SELECT r.claim_id, rc.source_id, rc.role = 'origin' AS as_origin, r.reported_at AS said_at
                        FROM reports r
                        JOIN report_chain rc ON rc.report_id = r.id
                        WHERE r.claim_id = ANY (affected)
                        UNION ALL
                        SELECT a.claim_id, a.source_id, true, coalesce(a.asserted_at, '-infinity')
                        FROM assertions a
                        WHERE a.claim_id = ANY (affected) AND a.polarity = 'affirms'
                    ), carried AS (
                        SELECT claim_id, source_id, bool_or(as_origin) AS as_origin, min(said_at) AS first_at
                        FROM said
                        GROUP BY claim_id, source_id
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

                CREATE OR REPLACE VIEW source_track_records_recomputed AS
                WITH said AS (
                    SELECT rc.source_id, r.claim_id, rc.role = 'origin' AS as_origin, r.reported_at AS said_at
                    FROM report_chain rc
                    JOIN reports r ON r.id = rc.report_id
                    UNION ALL
                    SELECT a.source_id, a.claim_id, true, coalesce(a.asserted_at, '-infinity')
                    FROM assertions a
                    WHERE a.polarity = 'affirms'
                ), carried AS (
                    SELECT source_id, claim_id, bool_or(as_origin) AS as_origin, min(said_at) AS first_at
                    FROM said
                    GROUP BY source_id, claim_id
                ), outcomes AS (
                    SELECT carried.source_id, carried.as_origin,
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
                ), counts AS (
                    SELECT s.id AS source_id,
                           count(o.source_id) FILTER (WHERE o.as_origin)::int AS originated,
                           count(o.source_id) FILTER (WHERE NOT o.as_origin)::int AS relayed,
                           count(*) FILTER (WHERE o.outcome = 'confirmed')::int AS confirmed,
                           count(*) FILTER (WHERE o.outcome = 'partly_confirmed')::int AS partly_confirmed,
                           count(*) FILTER (WHERE o.outcome = 'contradicted')::int AS contradicted,
                           count(*) FILTER (WHERE o.outcome = 'disputed')::int AS disputed,
                           count(*) FILTER (WHERE o.outcome = 'pending')::int AS pending,
                           count(*) FILTER (WHERE o.outcome = 'unresolvable')::int AS unresolvable
                    FROM sources s
                    LEFT JOIN outcomes o ON o.source_id = s.id
                    GROUP BY s.id
                )
                SELECT counts.*,
                       (confirmed + partly_confirmed + contradicted) AS sample_size,
                       CASE WHEN confirmed + partly_confirmed + contradicted = 0 THEN NULL
                            ELSE (confirmed + 0.5 * partly_confirmed) / (confirmed + partly_confirmed + contradicted)
                       END::double precision AS accuracy
                FROM counts;

                -- Statement-level triggers on the partitioned table see the rows of every partition in their transition
                -- tables. An import fills a detached table of its own, which fires none of them: ImportStaging refreshes
                -- its claims itself, once, after attaching it.
                CREATE FUNCTION track_records_assertions_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(SELECT DISTINCT claim_id FROM new_rows));
                    RETURN NULL;
                END $fn$;
                CREATE FUNCTION track_records_assertions_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(SELECT DISTINCT claim_id FROM old_rows));
                    RETURN NULL;
                END $fn$;
                -- A merge moves assertions to the surviving claim: both claims change.
                CREATE FUNCTION track_records_assertions_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_track_records(ARRAY(
                        SELECT DISTINCT unnest(ARRAY[o.claim_id, n.claim_id])
                        FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE o.claim_id IS DISTINCT FROM n.claim_id OR o.source_id IS DISTINCT FROM n.source_id
                           OR o.polarity IS DISTINCT FROM n.polarity OR o.asserted_at IS DISTINCT FROM n.asserted_at));
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER track_records_assertions_ins AFTER INSERT ON assertions
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_assertions_inserted();
                CREATE TRIGGER track_records_assertions_del AFTER DELETE ON assertions
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_assertions_deleted();
                CREATE TRIGGER track_records_assertions_upd AFTER UPDATE ON assertions
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_records_assertions_updated();

                -- Assertions already stored join the counts. The migration runs alone: no claim needs locking.
                SELECT refresh_source_track_records(ARRAY(SELECT DISTINCT claim_id FROM assertions WHERE polarity = 'affirms'), true);

                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER track_records_assertions_upd ON assertions;
                DROP TRIGGER track_records_assertions_del ON assertions;
                DROP TRIGGER track_records_assertions_ins ON assertions;
                DROP FUNCTION track_records_assertions_updated();
                DROP FUNCTION track_records_assertions_deleted();
                DROP FUNCTION track_records_assertions_inserted();
                DROP FUNCTION refresh_source_track_records(uuid[], boolean);

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

                CREATE OR REPLACE VIEW source_track_records_recomputed AS
                WITH carried AS (
                    SELECT rc.source_id, r.claim_id, bool_or(rc.role = 'origin') AS as_origin, min(r.reported_at) AS first_at
                    FROM report_chain rc
                    JOIN reports r ON r.id = rc.report_id
                    GROUP BY rc.source_id, r.claim_id
                ), outcomes AS (
                    SELECT carried.source_id, carried.as_origin,
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
                ), counts AS (
                    SELECT s.id AS source_id,
                           count(o.source_id) FILTER (WHERE o.as_origin)::int AS originated,
                           count(o.source_id) FILTER (WHERE NOT o.as_origin)::int AS relayed,
                           count(*) FILTER (WHERE o.outcome = 'confirmed')::int AS confirmed,
                           count(*) FILTER (WHERE o.outcome = 'partly_confirmed')::int AS partly_confirmed,
                           count(*) FILTER (WHERE o.outcome = 'contradicted')::int AS contradicted,
                           count(*) FILTER (WHERE o.outcome = 'disputed')::int AS disputed,
                           count(*) FILTER (WHERE o.outcome = 'pending')::int AS pending,
                           count(*) FILTER (WHERE o.outcome = 'unresolvable')::int AS unresolvable
                    FROM sources s
                    LEFT JOIN outcomes o ON o.source_id = s.id
                    GROUP BY s.id
                )
                SELECT counts.*,
                       (confirmed + partly_confirmed + contradicted) AS sample_size,
                       CASE WHEN confirmed + partly_confirmed + contradicted = 0 THEN NULL
                            ELSE (confirmed + 0.5 * partly_confirmed) / (confirmed + partly_confirmed + contradicted)
                       END::double precision AS accuracy
                FROM counts;

                -- The stored outcomes and counts without assertions, rebuilt from the definition.
                TRUNCATE source_claim_outcomes;
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
                UPDATE source_track_record_counts c
                SET originated = r.originated, relayed = r.relayed, confirmed = r.confirmed, partly_confirmed = r.partly_confirmed,
                    contradicted = r.contradicted, disputed = r.disputed, pending = r.pending, unresolvable = r.unresolvable
                FROM source_track_records_recomputed r
                WHERE r.source_id = c.source_id;
                """);
        }
    }
}
