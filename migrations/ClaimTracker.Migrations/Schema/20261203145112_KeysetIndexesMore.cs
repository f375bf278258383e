using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class KeysetIndexesMore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_imports_created_at",
                table: "imports");

            migrationBuilder.CreateIndex(
                name: "ix_questions_created_at_id",
                table: "questions",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_imports_created_at_id",
                table: "imports",
                columns: new[] { "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_questions_created_at_id",
                table: "questions");

            migrationBuilder.DropIndex(
                name: "ix_imports_created_at_id",
                table: "imports");

            migrationBuilder.CreateIndex(
                name: "ix_imports_created_at",
                table: "imports",
                column: "created_at");
        }
    }
}
