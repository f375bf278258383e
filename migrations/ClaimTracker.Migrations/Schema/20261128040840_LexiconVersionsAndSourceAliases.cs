using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class LexiconVersionsAndSourceAliases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lexicon_terms_language_scale_phrase",
                table: "lexicon_terms");

            migrationBuilder.AddColumn<List<string>>(
                name: "aliases",
                table: "sources",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<int>(
                name: "lexicon_version",
                table: "reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "created_in_version",
                table: "lexicon_terms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "inflect",
                table: "lexicon_terms",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "lowercase_only",
                table: "lexicon_terms",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "retired_in_version",
                table: "lexicon_terms",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "updated_in_version",
                table: "lexicon_terms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "lexicon_terms",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "lexicon_versions",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lexicon_versions", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "lexicon_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lexicon_version = table.Column<int>(type: "integer", nullable: false),
                    term_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    before = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lexicon_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_lexicon_changes_lexicon_terms_term_id",
                        column: x => x.term_id,
                        principalTable: "lexicon_terms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_lexicon_changes_lexicon_versions_lexicon_version",
                        column: x => x.lexicon_version,
                        principalTable: "lexicon_versions",
                        principalColumn: "version",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reports_lexicon_version",
                table: "reports",
                column: "lexicon_version");

            migrationBuilder.CreateIndex(
                name: "ix_lexicon_terms_language_phrase",
                table: "lexicon_terms",
                columns: new[] { "language", "phrase" });

            migrationBuilder.CreateIndex(
                name: "ix_lexicon_terms_language_scale_phrase",
                table: "lexicon_terms",
                columns: new[] { "language", "scale", "phrase" },
                unique: true,
                filter: "retired_in_version IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_lexicon_changes_lexicon_version",
                table: "lexicon_changes",
                column: "lexicon_version");

            migrationBuilder.CreateIndex(
                name: "ix_lexicon_changes_term_id",
                table: "lexicon_changes",
                column: "term_id");

            // A database that already holds terms gets them as version 1, each with its 'added' change row, and
            // its reports are marked as read by version 1. (A fresh database gets version 1 from the seed loader.)
            migrationBuilder.Sql("""
                INSERT INTO lexicon_versions (version, created_at, summary)
                SELECT 1, now(), 'The lexicon as it stood when versioning began: ' || count(*) || ' term(s)'
                FROM lexicon_terms HAVING count(*) > 0;

                UPDATE lexicon_terms SET created_in_version = 1, updated_in_version = 1
                WHERE EXISTS (SELECT 1 FROM lexicon_versions WHERE version = 1);

                INSERT INTO lexicon_changes (id, lexicon_version, term_id, action, changed_at, after)
                SELECT gen_random_uuid(), 1, t.id, 'added', v.created_at, jsonb_build_object(
                    'Phrase', t.phrase, 'Language', t.language, 'Scale', t.scale, 'Variants', to_jsonb(t.variants),
                    'Probability', t.probability, 'Low', t.low, 'High', t.high, 'Polarity', t.polarity, 'Category', t.category,
                    'Note', t.note, 'Inflect', t.inflect, 'LowercaseOnly', t.lowercase_only)
                FROM lexicon_terms t CROSS JOIN lexicon_versions v WHERE v.version = 1;

                UPDATE reports SET lexicon_version = 1 WHERE EXISTS (SELECT 1 FROM lexicon_versions WHERE version = 1);
                """);

            // Case-insensitive lookups of sources by name and alias (SourceResolver.MatchByNameAsync). An index
            // expression must be immutable, and lower() on each element of an array needs a function of its own.
            migrationBuilder.Sql("""
                CREATE FUNCTION lower_each(text[]) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT ARRAY(SELECT lower(item) FROM unnest($1) AS item) $$;

                CREATE INDEX ix_sources_aliases_lower ON sources USING gin (lower_each(aliases));
                CREATE INDEX ix_sources_name_lower ON sources (lower(name));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_sources_name_lower;
                DROP INDEX ix_sources_aliases_lower;
                DROP FUNCTION lower_each(text[]);
                """);

            migrationBuilder.DropTable(
                name: "lexicon_changes");

            migrationBuilder.DropTable(
                name: "lexicon_versions");

            migrationBuilder.DropIndex(
                name: "ix_reports_lexicon_version",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_lexicon_terms_language_phrase",
                table: "lexicon_terms");

            migrationBuilder.DropIndex(
                name: "ix_lexicon_terms_language_scale_phrase",
                table: "lexicon_terms");

            migrationBuilder.DropColumn(
                name: "aliases",
                table: "sources");

            migrationBuilder.DropColumn(
                name: "lexicon_version",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "created_in_version",
                table: "lexicon_terms");

            migrationBuilder.DropColumn(
                name: "inflect",
                table: "lexicon_terms");

            migrationBuilder.DropColumn(
                name: "lowercase_only",
                table: "lexicon_terms");

            migrationBuilder.DropColumn(
                name: "retired_in_version",
                table: "lexicon_terms");

            migrationBuilder.DropColumn(
                name: "updated_in_version",
                table: "lexicon_terms");

            migrationBuilder.DropColumn(
                name: "version",
                table: "lexicon_terms");

            migrationBuilder.CreateIndex(
                name: "ix_lexicon_terms_language_scale_phrase",
                table: "lexicon_terms",
                columns: new[] { "language", "scale", "phrase" },
                unique: true);
        }
    }
}
