using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ClaimSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "claim_search",
                columns: table => new
                {
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    config = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    document = table.Column<string>(type: "text", nullable: false),
                    tsv = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_search", x => x.claim_id);
                    table.ForeignKey(
                        name: "fk_claim_search_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_claim_search_document_trgm",
                table: "claim_search",
                column: "document")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_claim_search_language",
                table: "claim_search",
                column: "language");

            migrationBuilder.CreateIndex(
                name: "ix_claim_search_tsv",
                table: "claim_search",
                column: "tsv")
                .Annotation("Npgsql:IndexMethod", "gin");

            // The language of a claim is the one most of its reports' articles carry (primary subtag); its text-search
            // configuration is the one PostgreSQL ships for that language, looked up by name so that a server without
            // one (older versions lack hindi, armenian, ...) falls back to 'simple' instead of failing.
            migrationBuilder.Sql("""
                CREATE FUNCTION search_config(tag text) RETURNS regconfig
                LANGUAGE sql STABLE PARALLEL SAFE
                RETURN coalesce(
                    (SELECT c.oid::regconfig FROM pg_ts_config c WHERE c.cfgname = CASE lower(split_part(tag, '-', 1))
                        WHEN 'ar' THEN 'arabic' WHEN 'hy' THEN 'armenian' WHEN 'eu' THEN 'basque' WHEN 'ca' THEN 'catalan'
                        WHEN 'da' THEN 'danish' WHEN 'nl' THEN 'dutch' WHEN 'en' THEN 'english' WHEN 'fi' THEN 'finnish'
                        WHEN 'fr' THEN 'french' WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek' WHEN 'hi' THEN 'hindi'
                        WHEN 'hu' THEN 'hungarian' WHEN 'id' THEN 'indonesian' WHEN 'ga' THEN 'irish' WHEN 'it' THEN 'italian'
                        WHEN 'lt' THEN 'lithuanian' WHEN 'ne' THEN 'nepali' WHEN 'no' THEN 'norwegian' WHEN 'nb' THEN 'norwegian'
                        WHEN 'nn' THEN 'norwegian' WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian' WHEN 'ru' THEN 'russian'
                        WHEN 'sr' THEN 'serbian' WHEN 'es' THEN 'spanish' WHEN 'sv' THEN 'swedish' WHEN 'ta' THEN 'tamil'
                        WHEN 'tr' THEN 'turkish' WHEN 'yi' THEN 'yiddish' END AND c.cfgnamespace = 'pg_catalog'::regnamespace),
                    'simple'::regconfig);
                """);

            // The seam of every text a claim is found by, with its weight in the ranking: the statement (A), its
            // reports' quotes (B), its evidence's quotes and notes (C). ClaimReview texts (claimReviewed, the review's
            // title) join as one more branch here, and a trigger on their table like the ones below.
            migrationBuilder.Sql("""
                CREATE VIEW claim_search_texts AS
                    SELECT id AS claim_id, statement AS body, 'A'::"char" AS weight FROM claims
                    UNION ALL SELECT claim_id, quote, 'B' FROM reports
                    UNION ALL SELECT claim_id, quote, 'C' FROM evidence WHERE quote IS NOT NULL
                    UNION ALL SELECT claim_id, note, 'C' FROM evidence WHERE note IS NOT NULL;
                """);

            // Rebuilds the search rows of the given claims from the view; claims that no longer exist are skipped.
            // Language ties go to the language of the earliest report. The claims are locked first (in id order) so that
            // two transactions writing to one claim refresh it one after the other, the second reading what the first
            // committed (each statement of a volatile function takes a fresh snapshot), instead of overwriting its row
            // with a document that misses the other's report.
            migrationBuilder.Sql("""
                CREATE FUNCTION refresh_claim_search(ids uuid[]) RETURNS void
                LANGUAGE sql VOLATILE AS $$
                    SELECT 1 FROM claims WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
                    WITH languages AS (
                        SELECT DISTINCT ON (r.claim_id) r.claim_id, lower(split_part(a.language, '-', 1)) AS language
                        FROM reports r JOIN articles a ON a.id = r.article_id
                        WHERE r.claim_id = ANY(ids) AND a.language IS NOT NULL
                        GROUP BY r.claim_id, lower(split_part(a.language, '-', 1))
                        ORDER BY r.claim_id, count(*) DESC, min(r.reported_at), 2)
                    INSERT INTO claim_search (claim_id, language, config, document, tsv)
                    SELECT c.id, l.language, cfg::text, concat_ws(E'\n', t.a, t.b, t.c),
                           setweight(to_tsvector(cfg, coalesce(t.a, '')), 'A') || setweight(to_tsvector(cfg, coalesce(t.b, '')), 'B')
                           || setweight(to_tsvector(cfg, coalesce(t.c, '')), 'C')
                    FROM claims c
                    LEFT JOIN languages l ON l.claim_id = c.id
                    CROSS JOIN LATERAL search_config(l.language) AS cfg
                    CROSS JOIN LATERAL (
                        SELECT string_agg(body, E'\n') FILTER (WHERE weight = 'A') AS a,
                               string_agg(body, E'\n') FILTER (WHERE weight = 'B') AS b,
                               string_agg(body, E'\n') FILTER (WHERE weight = 'C') AS c
                        FROM claim_search_texts WHERE claim_id = c.id) t
                    WHERE c.id = ANY(ids)
                    ON CONFLICT (claim_id) DO UPDATE SET language = excluded.language, config = excluded.config,
                        document = excluded.document, tsv = excluded.tsv;
                $$;
                """);

            // Statement-level triggers with transition tables: a set-based import of thousands of reports refreshes each
            // claim once per statement, not once per row. PostgreSQL allows one event per trigger with transition
            // tables, hence three triggers per table sharing one function.
            migrationBuilder.Sql("""
                CREATE FUNCTION claim_search_on_change() RETURNS trigger
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

                CREATE TRIGGER claim_search_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_update AFTER UPDATE ON claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_update AFTER UPDATE ON articles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_insert AFTER INSERT ON evidence REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_update AFTER UPDATE ON evidence REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_delete AFTER DELETE ON evidence REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();

                SELECT refresh_claim_search(ARRAY(SELECT id FROM claims));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER claim_search_insert ON claims; DROP TRIGGER claim_search_update ON claims;
                DROP TRIGGER claim_search_update ON articles;
                DROP TRIGGER claim_search_insert ON reports; DROP TRIGGER claim_search_update ON reports; DROP TRIGGER claim_search_delete ON reports;
                DROP TRIGGER claim_search_insert ON evidence; DROP TRIGGER claim_search_update ON evidence; DROP TRIGGER claim_search_delete ON evidence;
                DROP FUNCTION claim_search_on_change();
                DROP FUNCTION refresh_claim_search(uuid[]);
                DROP VIEW claim_search_texts;
                DROP FUNCTION search_config(text);
                """);

            migrationBuilder.DropTable(
                name: "claim_search");
        }
    }
}
