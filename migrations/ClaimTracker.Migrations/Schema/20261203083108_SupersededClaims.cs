using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class SupersededClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "superseded_by",
                table: "claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "true_until",
                table: "claims",
                type: "timestamp with time zone",
                nullable: true);

            // A superseded claim was right when made: the track record counts a source's reports of it made up to
            // true_until as confirmed, and leaves out a source that first said it after (as scoring does).
            migrationBuilder.Sql("""
                CREATE OR REPLACE VIEW source_track_records AS
                WITH carried AS (
                    SELECT rc.source_id, r.claim_id, bool_or(rc.role = 'origin') AS as_origin, min(r.reported_at) AS first_at
                    FROM report_chain rc
                    JOIN reports r ON r.id = rc.report_id
                    GROUP BY rc.source_id, r.claim_id
                ), outcomes AS (
                    SELECT carried.source_id, carried.as_origin,
                           CASE c.status
                               WHEN 'confirmed' THEN 'confirmed' WHEN 'true' THEN 'confirmed' WHEN 'superseded' THEN 'confirmed'
                               WHEN 'partly_confirmed' THEN 'partly_confirmed' WHEN 'mixed' THEN 'partly_confirmed'
                               WHEN 'contradicted' THEN 'contradicted' WHEN 'false' THEN 'contradicted'
                               WHEN 'disputed' THEN 'disputed'
                               WHEN 'unresolvable' THEN 'unresolvable'
                               ELSE 'pending'
                           END AS outcome
                    FROM carried
                    JOIN claims c ON c.id = carried.claim_id
                    WHERE NOT (c.status = 'superseded' AND carried.first_at > c.true_until)
                ), counts AS (
                    SELECT s.id AS source_id,
                           count(o.source_id) FILTER (WHERE o.as_origin)::int AS originated,
                           count(o.source_id) FILTER (WHERE NOT o.as_origin)::int AS relayed,
                           count(*) FILTER (WHERE o.outcome = 'confirmed')::int AS confirmed,
                           count(*) FILTER (WHERE o.outcome = 'partly_confirmed')::int AS partly_confirmed,
                           count(*) FILTER (WHERE o.outcome = 'contradicted')::int AS contradicted,
                           count(*) FILTER (WHERE o.outcome = 'disputed')::int AS disputed,
                           count(*) FILTER (WHERE o.outcome = 'pending')::int AS pending,
                           count(*) FILTER (WHERE o.outcome = 'unresolvable')::int AS unresolvable
                    FROM sources s
                    LEFT JOIN outcomes o ON o.source_id = s.id
                    GROUP BY s.id
                )
                SELECT counts.*,
                       (confirmed + partly_confirmed + contradicted) AS sample_size,
                       CASE WHEN confirmed + partly_confirmed + contradicted = 0 THEN NULL
                            ELSE (confirmed + 0.5 * partly_confirmed) / (confirmed + partly_confirmed + contradicted)
                       END::double precision AS accuracy
                FROM counts;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE VIEW source_track_records AS
                WITH carried AS (
                    SELECT rc.source_id, r.claim_id, bool_or(rc.role = 'origin') AS as_origin
                    FROM report_chain rc
                    JOIN reports r ON r.id = rc.report_id
                    GROUP BY rc.source_id, r.claim_id
                ), outcomes AS (
                    SELECT carried.source_id, carried.as_origin,
                           CASE c.status
                               WHEN 'confirmed' THEN 'confirmed' WHEN 'true' THEN 'confirmed'
                               WHEN 'partly_confirmed' THEN 'partly_confirmed' WHEN 'mixed' THEN 'partly_confirmed'
                               WHEN 'contradicted' THEN 'contradicted' WHEN 'false' THEN 'contradicted'
                               WHEN 'disputed' THEN 'disputed'
                               WHEN 'unresolvable' THEN 'unresolvable'
                               ELSE 'pending'
                           END AS outcome
                    FROM carried
                    JOIN claims c ON c.id = carried.claim_id
                ), counts AS (
                    SELECT s.id AS source_id,
                           count(o.source_id) FILTER (WHERE o.as_origin)::int AS originated,
                           count(o.source_id) FILTER (WHERE NOT o.as_origin)::int AS relayed,
                           count(*) FILTER (WHERE o.outcome = 'confirmed')::int AS confirmed,
                           count(*) FILTER (WHERE o.outcome = 'partly_confirmed')::int AS partly_confirmed,
                           count(*) FILTER (WHERE o.outcome = 'contradicted')::int AS contradicted,
                           count(*) FILTER (WHERE o.outcome = 'disputed')::int AS disputed,
                           count(*) FILTER (WHERE o.outcome = 'pending')::int AS pending,
                           count(*) FILTER (WHERE o.outcome = 'unresolvable')::int AS unresolvable
                    FROM sources s
                    LEFT JOIN outcomes o ON o.source_id = s.id
                    GROUP BY s.id
                )
                SELECT counts.*,
                       (confirmed + partly_confirmed + contradicted) AS sample_size,
                       CASE WHEN confirmed + partly_confirmed + contradicted = 0 THEN NULL
                            ELSE (confirmed + 0.5 * partly_confirmed) / (confirmed + partly_confirmed + contradicted)
                       END::double precision AS accuracy
                FROM counts;
                """);

            migrationBuilder.DropColumn(
                name: "superseded_by",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "true_until",
                table: "claims");
        }
    }
}
