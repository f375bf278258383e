using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    statement = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    topics = table.Column<List<string>>(type: "text[]", nullable: false),
                    first_reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claims", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lexicon_terms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    phrase = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    variants = table.Column<List<string>>(type: "text[]", nullable: false),
                    probability = table.Column<double>(type: "double precision", nullable: false),
                    low = table.Column<double>(type: "double precision", nullable: false),
                    high = table.Column<double>(type: "double precision", nullable: false),
                    polarity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    scale = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lexicon_terms", x => x.id);
                    table.CheckConstraint("ck_lexicon_terms_probability", "low >= 0 AND low <= probability AND probability <= high AND high <= 1");
                });

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    homepage = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    scope_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sources", x => x.id);
                    table.ForeignKey(
                        name: "fk_sources_sources_scope_id",
                        column: x => x.scope_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_status_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_status_changes_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "articles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    publisher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    syndicated_from_id = table.Column<Guid>(type: "uuid", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    body = table.Column<string>(type: "character varying(500000)", maxLength: 500000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_articles", x => x.id);
                    table.ForeignKey(
                        name: "fk_articles_sources_publisher_id",
                        column: x => x.publisher_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_articles_sources_syndicated_from_id",
                        column: x => x.syndicated_from_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stance = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quote = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    conclusive = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_evidence_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quote = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    hedge_words = table.Column<List<string>>(type: "text[]", nullable: false),
                    unknown_hedge_words = table.Column<List<string>>(type: "text[]", nullable: false),
                    stated_confidence = table.Column<double>(type: "double precision", nullable: true),
                    confidence_rule = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cues = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_reports_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reports_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evidence_chain",
                columns: table => new
                {
                    position = table.Column<int>(type: "integer", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_chain", x => new { x.evidence_id, x.position });
                    table.ForeignKey(
                        name: "fk_evidence_chain_evidence_evidence_id",
                        column: x => x.evidence_id,
                        principalTable: "evidence",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_evidence_chain_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_chain",
                columns: table => new
                {
                    position = table.Column<int>(type: "integer", nullable: false),
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_chain", x => new { x.report_id, x.position });
                    table.ForeignKey(
                        name: "fk_report_chain_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_report_chain_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_articles_published_at",
                table: "articles",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_articles_publisher_id",
                table: "articles",
                column: "publisher_id");

            migrationBuilder.CreateIndex(
                name: "ix_articles_syndicated_from_id",
                table: "articles",
                column: "syndicated_from_id");

            migrationBuilder.CreateIndex(
                name: "ix_articles_url",
                table: "articles",
                column: "url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_claim_status_changes_claim_id_changed_at",
                table: "claim_status_changes",
                columns: new[] { "claim_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_first_reported_at",
                table: "claims",
                column: "first_reported_at");

            migrationBuilder.CreateIndex(
                name: "ix_claims_statement_trgm",
                table: "claims",
                column: "statement")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_status",
                table: "claims",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_claims_topics",
                table: "claims",
                column: "topics")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_claims_updated_at",
                table: "claims",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_article_id",
                table: "evidence",
                column: "article_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_claim_id",
                table: "evidence",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_chain_source_id",
                table: "evidence_chain",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_lexicon_terms_language_scale_phrase",
                table: "lexicon_terms",
                columns: new[] { "language", "scale", "phrase" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_report_chain_source_id",
                table: "report_chain",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_reports_article_id",
                table: "reports",
                column: "article_id");

            migrationBuilder.CreateIndex(
                name: "ix_reports_claim_id",
                table: "reports",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_sources_kind",
                table: "sources",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_sources_name",
                table: "sources",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_sources_scope_id",
                table: "sources",
                column: "scope_id");

            migrationBuilder.CreateIndex(
                name: "ix_sources_slug",
                table: "sources",
                column: "slug",
                unique: true);

            // One row per source; see SourceTrackRecord for what each count means.
            migrationBuilder.Sql("""
                CREATE VIEW source_track_records AS
                WITH carried AS (
                    SELECT rc.source_id, r.claim_id, bool_or(rc.role = 'origin') AS as_origin
                    FROM report_chain rc
                    JOIN reports r ON r.id = rc.report_id
                    GROUP BY rc.source_id, r.claim_id
                ), outcomes AS (
                    SELECT carried.source_id, carried.as_origin,
                           CASE c.status
                               WHEN 'confirmed' THEN 'confirmed' WHEN 'true' THEN 'confirmed'
                               WHEN 'partly_confirmed' THEN 'partly_confirmed' WHEN 'mixed' THEN 'partly_confirmed'
                               WHEN 'contradicted' THEN 'contradicted' WHEN 'false' THEN 'contradicted'
                               WHEN 'disputed' THEN 'disputed'
                               WHEN 'unresolvable' THEN 'unresolvable'
                               ELSE 'pending'
                           END AS outcome
                    FROM carried
                    JOIN claims c ON c.id = carried.claim_id
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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS source_track_records;");

            migrationBuilder.DropTable(
                name: "claim_status_changes");

            migrationBuilder.DropTable(
                name: "evidence_chain");

            migrationBuilder.DropTable(
                name: "lexicon_terms");

            migrationBuilder.DropTable(
                name: "report_chain");

            migrationBuilder.DropTable(
                name: "evidence");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropTable(
                name: "articles");

            migrationBuilder.DropTable(
                name: "claims");

            migrationBuilder.DropTable(
                name: "sources");
        }
    }
}
