using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class AssertionsByImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // New claims an import creates have no reports, evidence or reviews: their search row is the statement
            // alone, and the import writes it itself, set-based (ImportStaging). The trigger that rebuilds each new claim
            // from claim_search_texts (78 s for 200,000 claims) stands aside while the transaction says so.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION claim_search_on_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'claims' THEN
                        IF TG_OP = 'INSERT' THEN
                            IF current_setting('claimtracker.claim_search', true) = 'written_by_caller' THEN
                                RETURN NULL;
                            END IF;
                            PERFORM refresh_claim_search(ARRAY(SELECT id FROM new_rows));
                        ELSE
                            PERFORM refresh_claim_search(ARRAY(
                                SELECT n.id FROM new_rows n JOIN old_rows o USING (id) WHERE n.statement IS DISTINCT FROM o.statement));
                        END IF;
                    ELSIF TG_TABLE_NAME = 'articles' THEN
                        PERFORM refresh_claim_search(ARRAY(
                            SELECT DISTINCT r.claim_id FROM new_rows n JOIN old_rows o USING (id) JOIN reports r ON r.article_id = n.id
                            WHERE n.language IS DISTINCT FROM o.language));
                    ELSIF TG_OP = 'INSERT' THEN
                        PERFORM refresh_claim_search(ARRAY(SELECT DISTINCT claim_id FROM new_rows));
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM refresh_claim_search(ARRAY(SELECT DISTINCT claim_id FROM old_rows));
                    ELSE
                        PERFORM refresh_claim_search(ARRAY(SELECT claim_id FROM new_rows UNION SELECT claim_id FROM old_rows));
                    END IF;
                    RETURN NULL;
                END $$;
                """);

            // assertions, partitioned by import: an import fills a table of its own with no index or foreign key to
            // maintain row by row, builds its indexes once, and attaches it, which checks its foreign keys in one join
            // each (ImportStaging). The rows already stored become one partition, listing their imports. A partitioned
            // table in PostgreSQL 15 has no identity column and no primary key without the partition key, so ids come
            // from a sequence and each partition has its own primary key on id; import_id needs no index (pruning).
            migrationBuilder.Sql("""
                ALTER TABLE assertions RENAME TO assertions_before_partitioning;
                ALTER TABLE assertions_before_partitioning RENAME CONSTRAINT pk_assertions TO pk_assertions_before_partitioning;
                ALTER INDEX ix_assertions_claim_id RENAME TO ix_assertions_before_partitioning_claim_id;
                ALTER INDEX ix_assertions_source_id RENAME TO ix_assertions_before_partitioning_source_id;
                DROP INDEX ix_assertions_import_id;
                ALTER TABLE assertions_before_partitioning
                    DROP CONSTRAINT fk_assertions_claims_claim_id,
                    DROP CONSTRAINT fk_assertions_sources_source_id,
                    DROP CONSTRAINT fk_assertions_imports_import_id;

                CREATE SEQUENCE assertion_ids AS bigint;
                SELECT setval('assertion_ids', coalesce((SELECT max(id) FROM assertions_before_partitioning), 0) + 1, false);
                ALTER TABLE assertions_before_partitioning ALTER COLUMN id DROP IDENTITY;

                CREATE TABLE assertions (
                    id bigint NOT NULL DEFAULT nextval('assertion_ids'),
                    claim_id uuid NOT NULL,
                    source_id uuid NOT NULL,
                    import_id uuid,
                    line bigint,
                    polarity character varying(10) NOT NULL,
                    stated_confidence double precision,
                    hedge_words text[],
                    asserted_at timestamp with time zone
                ) PARTITION BY LIST (import_id);
                ALTER SEQUENCE assertion_ids OWNED BY assertions.id;
                CREATE INDEX ix_assertions_claim_id ON assertions (claim_id);
                CREATE INDEX ix_assertions_source_id ON assertions (source_id);
                ALTER TABLE assertions
                    ADD CONSTRAINT fk_assertions_claims_claim_id FOREIGN KEY (claim_id) REFERENCES claims (id) ON DELETE CASCADE,
                    ADD CONSTRAINT fk_assertions_sources_source_id FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_assertions_imports_import_id FOREIGN KEY (import_id) REFERENCES imports (id) ON DELETE CASCADE;

                DO $$
                BEGIN
                    EXECUTE format('ALTER TABLE assertions ATTACH PARTITION assertions_before_partitioning FOR VALUES IN (%s)',
                        (SELECT string_agg(quote_nullable(import_id::text), ', ')
                         FROM (SELECT DISTINCT import_id FROM assertions_before_partitioning UNION SELECT NULL) i));
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Every partition's rows back into one plain table, as the model describes it.
            migrationBuilder.Sql("""
                CREATE TABLE assertions_unpartitioned (
                    id bigint GENERATED ALWAYS AS IDENTITY,
                    claim_id uuid NOT NULL,
                    source_id uuid NOT NULL,
                    import_id uuid,
                    line bigint,
                    polarity character varying(10) NOT NULL,
                    stated_confidence double precision,
                    hedge_words text[],
                    asserted_at timestamp with time zone);
                INSERT INTO assertions_unpartitioned OVERRIDING SYSTEM VALUE
                SELECT id, claim_id, source_id, import_id, line, polarity, stated_confidence, hedge_words, asserted_at FROM assertions;
                SELECT setval(pg_get_serial_sequence('assertions_unpartitioned', 'id'), coalesce((SELECT max(id) FROM assertions), 0) + 1, false);
                DROP TABLE assertions;
                ALTER TABLE assertions_unpartitioned RENAME TO assertions;
                ALTER TABLE assertions ADD CONSTRAINT pk_assertions PRIMARY KEY (id);
                CREATE INDEX ix_assertions_claim_id ON assertions (claim_id);
                CREATE INDEX ix_assertions_import_id ON assertions (import_id);
                CREATE INDEX ix_assertions_source_id ON assertions (source_id);
                ALTER TABLE assertions
                    ADD CONSTRAINT fk_assertions_claims_claim_id FOREIGN KEY (claim_id) REFERENCES claims (id) ON DELETE CASCADE,
                    ADD CONSTRAINT fk_assertions_sources_source_id FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_assertions_imports_import_id FOREIGN KEY (import_id) REFERENCES imports (id) ON DELETE CASCADE;
                """);

            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION claim_search_on_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'claims' THEN
                        IF TG_OP = 'INSERT' THEN
                            PERFORM refresh_claim_search(ARRAY(SELECT id FROM new_rows));
                        ELSE
                            PERFORM refresh_claim_search(ARRAY(
                                SELECT n.id FROM new_rows n JOIN old_rows o USING (id) WHERE n.statement IS DISTINCT FROM o.statement));
                        END IF;
                    ELSIF TG_TABLE_NAME = 'articles' THEN
                        PERFORM refresh_claim_search(ARRAY(
                            SELECT DISTINCT r.claim_id FROM new_rows n JOIN old_rows o USING (id) JOIN reports r ON r.article_id = n.id
                            WHERE n.language IS DISTINCT FROM o.language));
                    ELSIF TG_OP = 'INSERT' THEN
                        PERFORM refresh_claim_search(ARRAY(SELECT DISTINCT claim_id FROM new_rows));
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM refresh_claim_search(ARRAY(SELECT DISTINCT claim_id FROM old_rows));
                    ELSE
                        PERFORM refresh_claim_search(ARRAY(SELECT claim_id FROM new_rows UNION SELECT claim_id FROM old_rows));
                    END IF;
                    RETURN NULL;
                END $$;
                """);
        }
    }
}
