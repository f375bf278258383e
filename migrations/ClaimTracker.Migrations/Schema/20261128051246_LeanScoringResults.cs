using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class LeanScoringResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_claim_estimates_claims_claim_id",
                table: "claim_estimates");

            migrationBuilder.DropForeignKey(
                name: "fk_claim_estimates_scoring_runs_run_id",
                table: "claim_estimates");

            migrationBuilder.DropForeignKey(
                name: "fk_source_scores_scoring_runs_run_id",
                table: "source_scores");

            migrationBuilder.DropForeignKey(
                name: "fk_source_scores_sources_source_id",
                table: "source_scores");

            migrationBuilder.DropIndex(
                name: "ix_claim_estimates_claim_id",
                table: "claim_estimates");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_claim_estimates_claim_id",
                table: "claim_estimates",
                column: "claim_id");

            migrationBuilder.AddForeignKey(
                name: "fk_claim_estimates_claims_claim_id",
                table: "claim_estimates",
                column: "claim_id",
                principalTable: "claims",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_claim_estimates_scoring_runs_run_id",
                table: "claim_estimates",
                column: "run_id",
                principalTable: "scoring_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_source_scores_scoring_runs_run_id",
                table: "source_scores",
                column: "run_id",
                principalTable: "scoring_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_source_scores_sources_source_id",
                table: "source_scores",
                column: "source_id",
                principalTable: "sources",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
