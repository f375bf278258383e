using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class KeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sources_name",
                table: "sources");

            migrationBuilder.DropIndex(
                name: "ix_claims_first_reported_at",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_claims_updated_at",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_claim_estimates_run_id_probability",
                table: "claim_estimates");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_at",
                table: "audit_log");

            migrationBuilder.CreateIndex(
                name: "ix_sources_name_id",
                table: "sources",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_first_reported_at_id",
                table: "claims",
                columns: new[] { "first_reported_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_updated_at_id",
                table: "claims",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claim_estimates_run_id_probability_claim_id",
                table: "claim_estimates",
                columns: new[] { "run_id", "probability", "claim_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at_id",
                table: "audit_log",
                columns: new[] { "at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sources_name_id",
                table: "sources");

            migrationBuilder.DropIndex(
                name: "ix_claims_first_reported_at_id",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_claims_updated_at_id",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_claim_estimates_run_id_probability_claim_id",
                table: "claim_estimates");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_at_id",
                table: "audit_log");

            migrationBuilder.CreateIndex(
                name: "ix_sources_name",
                table: "sources",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_claims_first_reported_at",
                table: "claims",
                column: "first_reported_at");

            migrationBuilder.CreateIndex(
                name: "ix_claims_updated_at",
                table: "claims",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_claim_estimates_run_id_probability",
                table: "claim_estimates",
                columns: new[] { "run_id", "probability" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");
        }
    }
}
