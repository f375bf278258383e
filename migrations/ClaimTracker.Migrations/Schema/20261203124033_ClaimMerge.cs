using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ClaimMerge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_claims_merged_into_id",
                table: "claims",
                column: "merged_into_id");

            migrationBuilder.AddForeignKey(
                name: "fk_claims_claims_merged_into_id",
                table: "claims",
                column: "merged_into_id",
                principalTable: "claims",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // --- Hand-written SQL (ClaimMerge) ---
            // MergeClaim refuses it too; the constraint keeps any other writer from making a claim redirect to itself.
            migrationBuilder.Sql("ALTER TABLE claims ADD CONSTRAINT ck_claims_not_merged_into_itself CHECK (merged_into_id <> id);");
            // --- End of hand-written SQL ---
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE claims DROP CONSTRAINT ck_claims_not_merged_into_itself;");

            migrationBuilder.DropForeignKey(
                name: "fk_claims_claims_merged_into_id",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_claims_merged_into_id",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "claims");
        }
    }
}
