using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ClaimEstimateProbabilityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_claim_estimates_run_id_probability",
                table: "claim_estimates",
                columns: new[] { "run_id", "probability" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_claim_estimates_run_id_probability",
                table: "claim_estimates");
        }
    }
}
