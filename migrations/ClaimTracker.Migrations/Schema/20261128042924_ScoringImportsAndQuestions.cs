using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ScoringImportsAndQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "question_id",
                table: "claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    error_policy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lines_read = table.Column<long>(type: "bigint", nullable: false),
                    lines_loaded = table.Column<long>(type: "bigint", nullable: false),
                    lines_rejected = table.Column<long>(type: "bigint", nullable: false),
                    new_sources = table.Column<int>(type: "integer", nullable: false),
                    new_questions = table.Column<int>(type: "integer", nullable: false),
                    new_claims = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    duration_ms = table.Column<long>(type: "bigint", nullable: true),
                    errors = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "questions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scoring_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    scheduled_for = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    stage = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    done = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    duration_ms = table.Column<long>(type: "bigint", nullable: true),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    summary = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scoring_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assertions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: true),
                    line = table.Column<long>(type: "bigint", nullable: true),
                    polarity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    stated_confidence = table.Column<double>(type: "double precision", nullable: true),
                    hedge_words = table.Column<List<string>>(type: "text[]", nullable: true),
                    asserted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assertions", x => x.id);
                    table.ForeignKey(
                        name: "fk_assertions_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assertions_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assertions_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_estimates",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    probability = table.Column<double>(type: "double precision", nullable: false),
                    affirm_weight = table.Column<double>(type: "double precision", nullable: false),
                    deny_weight = table.Column<double>(type: "double precision", nullable: false),
                    explanation = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_estimates", x => new { x.run_id, x.claim_id });
                    table.ForeignKey(
                        name: "fk_claim_estimates_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claim_estimates_scoring_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "scoring_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scoring_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    current_run_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scoring_state", x => x.id);
                    table.CheckConstraint("ck_scoring_state_singleton", "id = 1");
                    table.ForeignKey(
                        name: "fk_scoring_state_scoring_runs_current_run_id",
                        column: x => x.current_run_id,
                        principalTable: "scoring_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_scores",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mean = table.Column<double>(type: "double precision", nullable: false),
                    lower = table.Column<double>(type: "double precision", nullable: false),
                    upper = table.Column<double>(type: "double precision", nullable: false),
                    alpha = table.Column<double>(type: "double precision", nullable: false),
                    beta = table.Column<double>(type: "double precision", nullable: false),
                    effective_samples = table.Column<double>(type: "double precision", nullable: false),
                    brier = table.Column<double>(type: "double precision", nullable: true),
                    log_score = table.Column<double>(type: "double precision", nullable: true),
                    scored_reports = table.Column<int>(type: "integer", nullable: false),
                    band = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    calibration = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_scores", x => new { x.run_id, x.source_id });
                    table.ForeignKey(
                        name: "fk_source_scores_scoring_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "scoring_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_source_scores_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "scoring_state",
                columns: new[] { "id", "current_run_id" },
                values: new object[] { 1, null });

            migrationBuilder.CreateIndex(
                name: "ix_claims_question_id",
                table: "claims",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_claim_id",
                table: "assertions",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_import_id",
                table: "assertions",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_source_id",
                table: "assertions",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_estimates_claim_id",
                table: "claim_estimates",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_imports_created_at",
                table: "imports",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_questions_key",
                table: "questions",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scoring_runs_requested_at",
                table: "scoring_runs",
                column: "requested_at");

            migrationBuilder.CreateIndex(
                name: "ix_scoring_runs_scheduled_for",
                table: "scoring_runs",
                column: "scheduled_for",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scoring_runs_status",
                table: "scoring_runs",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_scoring_state_current_run_id",
                table: "scoring_state",
                column: "current_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_scores_source_id",
                table: "source_scores",
                column: "source_id");

            migrationBuilder.AddForeignKey(
                name: "fk_claims_questions_question_id",
                table: "claims",
                column: "question_id",
                principalTable: "questions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_claims_questions_question_id",
                table: "claims");

            migrationBuilder.DropTable(
                name: "assertions");

            migrationBuilder.DropTable(
                name: "claim_estimates");

            migrationBuilder.DropTable(
                name: "questions");

            migrationBuilder.DropTable(
                name: "scoring_state");

            migrationBuilder.DropTable(
                name: "source_scores");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "scoring_runs");

            migrationBuilder.DropIndex(
                name: "ix_claims_question_id",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "question_id",
                table: "claims");
        }
    }
}
