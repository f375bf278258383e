using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ClaimStatementKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The one definition of "the same statement" (RecordClaim's duplicate check and imports use it): case,
            // runs of white space, curly quotes and a final full stop do not make another claim.
            migrationBuilder.Sql("""""
                CREATE FUNCTION claim_key(statement text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                RETURN rtrim(btrim(regexp_replace(lower(translate(normalize(statement, NFKC), '‘’‛′“”‟″', '''''''''""""')), '\s+', ' ', 'g')), ' .');
                """"");

            migrationBuilder.DropIndex(
                name: "ix_claims_question_id",
                table: "claims");

            migrationBuilder.AddColumn<string>(
                name: "statement_key",
                table: "claims",
                type: "text",
                nullable: false,
                computedColumnSql: "claim_key(statement)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_claims_question_id_statement_key",
                table: "claims",
                columns: new[] { "question_id", "statement_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_claims_question_id_statement_key",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "statement_key",
                table: "claims");

            migrationBuilder.CreateIndex(
                name: "ix_claims_question_id",
                table: "claims",
                column: "question_id");

            migrationBuilder.Sql("DROP FUNCTION claim_key(text);");
        }
    }
}
