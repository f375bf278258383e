using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ClaimPartiesAndMemberOf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "member_of_id",
                table: "sources",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "claim_parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_parties", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_parties_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claim_parties_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sources_member_of_id",
                table: "sources",
                column: "member_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_parties_claim_id",
                table: "claim_parties",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_parties_source_id",
                table: "claim_parties",
                column: "source_id");

            migrationBuilder.AddForeignKey(
                name: "fk_sources_sources_member_of_id",
                table: "sources",
                column: "member_of_id",
                principalTable: "sources",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_sources_sources_member_of_id",
                table: "sources");

            migrationBuilder.DropTable(
                name: "claim_parties");

            migrationBuilder.DropIndex(
                name: "ix_sources_member_of_id",
                table: "sources");

            migrationBuilder.DropColumn(
                name: "member_of_id",
                table: "sources");
        }
    }
}
