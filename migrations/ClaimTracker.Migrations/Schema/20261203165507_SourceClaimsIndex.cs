using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class SourceClaimsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL: what a source said, as an index ----
            // GET /claims?source= and GET /sources/{idOrSlug} list every claim a source said something about: in any
            // role of a report's chain, or in an imported assertion affirming or denying it. Found through chain links,
            // reports and claims, a busy source's claims cost seconds at 1M claims (README, "Growth"); source_claims
            // holds the pairs, so the list probes it by key and the count is an index range. Unlike
            // source_claim_outcomes it keeps denials and claims said after a superseded claim's true_until.
            // It changes exactly when the claims' track records may: refresh_source_track_records, which every trigger
            // and ImportStaging call, refreshes it too, after locking the claims.
            migrationBuilder.Sql("""
                CREATE TABLE source_claims (
                    source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
                    claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
                    PRIMARY KEY (source_id, claim_id)
                );
                CREATE INDEX ix_source_claims_claim_id ON source_claims (claim_id);

                CREATE FUNCTION refresh_source_claims(affected uuid[]) RETURNS void LANGUAGE sql AS $fn$
                    WITH fresh AS (
                        SELECT rc.source_id, r.claim_id
                        FROM reports r
                        JOIN report_chain rc ON rc.report_id = r.id
                        WHERE r.claim_id = ANY (affected)
                        UNION
                        SELECT a.source_id, a.claim_id
                        FROM assertions a
                        WHERE a.claim_id = ANY (affected)
                    ), removed AS (
                        DELETE FROM source_claims s
                        WHERE s.claim_id = ANY (affected)
                          AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.source_id = s.source_id AND f.claim_id = s.claim_id)
                    )
                    INSERT INTO source_claims (source_id, claim_id)
                    SELECT source_id, claim_id FROM fresh
                    ON CONFLICT DO NOTHING;
                $fn$;

                -- The outcomes function keeps its body under a new name; the triggers and ImportStaging call the old
                -- name, which now refreshes both. Outcomes first: it takes the claims' locks.
                ALTER FUNCTION refresh_source_track_records(uuid[], boolean) RENAME TO refresh_source_claim_outcomes;
                CREATE FUNCTION refresh_source_track_records(affected uuid[], created_here boolean DEFAULT false) RETURNS void
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM refresh_source_claim_outcomes(affected, created_here);
                    PERFORM refresh_source_claims(affected);
                END
                $fn$;

                -- Backfill from the definition. The migration runs alone: no claim needs locking.
                INSERT INTO source_claims (source_id, claim_id)
                SELECT rc.source_id, r.claim_id FROM reports r JOIN report_chain rc ON rc.report_id = r.id
                UNION
                SELECT a.source_id, a.claim_id FROM assertions a;
                ANALYZE source_claims;
                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION refresh_source_track_records(uuid[], boolean);
                ALTER FUNCTION refresh_source_claim_outcomes(uuid[], boolean) RENAME TO refresh_source_track_records;
                DROP FUNCTION refresh_source_claims(uuid[]);
                DROP TABLE source_claims;
                """);
        }
    }
}
