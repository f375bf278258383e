using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ExplanationArrays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Explanations move from one JSON column to typed arrays; the next run writes them again.
            migrationBuilder.DropColumn(
                name: "explanation",
                table: "claim_estimates");

            migrationBuilder.AddColumn<List<bool>>(
                name: "push_affirms",
                table: "claim_estimates",
                type: "boolean[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AddColumn<List<double>>(
                name: "push_log_odds",
                table: "claim_estimates",
                type: "double precision[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AddColumn<List<double>>(
                name: "push_reliabilities",
                table: "claim_estimates",
                type: "double precision[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AddColumn<List<bool>>(
                name: "push_shared",
                table: "claim_estimates",
                type: "boolean[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AddColumn<List<Guid>>(
                name: "push_sources",
                table: "claim_estimates",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AddColumn<List<double>>(
                name: "push_weights",
                table: "claim_estimates",
                type: "double precision[]",
                nullable: false,
                defaultValueSql: "\'{}\'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "push_affirms",
                table: "claim_estimates");

            migrationBuilder.DropColumn(
                name: "push_log_odds",
                table: "claim_estimates");

            migrationBuilder.DropColumn(
                name: "push_reliabilities",
                table: "claim_estimates");

            migrationBuilder.DropColumn(
                name: "push_shared",
                table: "claim_estimates");

            migrationBuilder.DropColumn(
                name: "push_sources",
                table: "claim_estimates");

            migrationBuilder.DropColumn(
                name: "push_weights",
                table: "claim_estimates");

            migrationBuilder.AddColumn<string>(
                name: "explanation",
                table: "claim_estimates",
                type: "jsonb",
                nullable: true);
        }
    }
}
