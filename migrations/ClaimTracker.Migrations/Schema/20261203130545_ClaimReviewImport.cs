using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ClaimReviewImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "claim_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fact_checker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    publisher_site = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    claim_reviewed = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    textual_rating = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    rating_value = table.Column<double>(type: "double precision", nullable: true),
                    best_rating = table.Column<double>(type: "double precision", nullable: true),
                    worst_rating = table.Column<double>(type: "double precision", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    verdict_source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    review_date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_reviews_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claim_reviews_sources_fact_checker_id",
                        column: x => x.fact_checker_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rating_crosswalk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    label_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    publisher = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rating_crosswalk", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_claim_id",
                table: "claim_reviews",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_fact_checker_id",
                table: "claim_reviews",
                column: "fact_checker_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_key",
                table: "claim_reviews",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_publisher_site",
                table: "claim_reviews",
                column: "publisher_site");

            migrationBuilder.CreateIndex(
                name: "ix_rating_crosswalk_publisher_language_label_key",
                table: "rating_crosswalk",
                columns: new[] { "publisher", "language", "label_key" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // ---- Hand-written SQL (ClaimReview import): search finds claims by their reviews' texts ----
            // claim_search_texts (migration ClaimSearch) gains the imported reviews: what they say was claimed (B, like a
            // report's quote) and their titles (C). Triggers on claim_reviews refresh the claim's search row as the ones
            // on reports do; claim_search_on_change's generic branch reads claim_id from the transition tables.
            migrationBuilder.Sql("""
                CREATE OR REPLACE VIEW claim_search_texts AS
                    SELECT id AS claim_id, statement AS body, 'A'::"char" AS weight FROM claims
                    UNION ALL SELECT claim_id, quote, 'B' FROM reports
                    UNION ALL SELECT claim_id, quote, 'C' FROM evidence WHERE quote IS NOT NULL
                    UNION ALL SELECT claim_id, note, 'C' FROM evidence WHERE note IS NOT NULL
                    UNION ALL SELECT claim_id, claim_reviewed, 'B' FROM claim_reviews
                    UNION ALL SELECT claim_id, title, 'C' FROM claim_reviews WHERE title IS NOT NULL;

                CREATE TRIGGER claim_search_insert AFTER INSERT ON claim_reviews REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_update AFTER UPDATE ON claim_reviews REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                CREATE TRIGGER claim_search_delete AFTER DELETE ON claim_reviews REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION claim_search_on_change();
                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // ---- Hand-written SQL (ClaimReview import), undone ----
            migrationBuilder.Sql("""
                DROP TRIGGER claim_search_insert ON claim_reviews; DROP TRIGGER claim_search_update ON claim_reviews;
                DROP TRIGGER claim_search_delete ON claim_reviews;
                CREATE OR REPLACE VIEW claim_search_texts AS
                    SELECT id AS claim_id, statement AS body, 'A'::"char" AS weight FROM claims
                    UNION ALL SELECT claim_id, quote, 'B' FROM reports
                    UNION ALL SELECT claim_id, quote, 'C' FROM evidence WHERE quote IS NOT NULL
                    UNION ALL SELECT claim_id, note, 'C' FROM evidence WHERE note IS NOT NULL;
                """);
            // ---- end of hand-written SQL ----
            migrationBuilder.DropTable(
                name: "claim_reviews");

            migrationBuilder.DropTable(
                name: "rating_crosswalk");
        }
    }
}
