using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class WholeScoringParameters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "as_of",
                table: "scoring_runs",
                type: "timestamp with time zone",
                nullable: true);

            // A run used to record twelve parameters with its AsOf among them; the other ten were the library's
            // defaults of the time, written out here so that every run's record holds the whole set.
            migrationBuilder.Sql("""
                UPDATE scoring_runs
                SET as_of = COALESCE((parameters ->> 'AsOf')::timestamptz, requested_at),
                    parameters = jsonb_build_object(
                        'PriorAlpha', NULL, 'PriorBeta', NULL, 'PriorStrength', 2, 'HalfLifeDays', 730,
                        'OriginWeight', 1.0, 'RelayWeight', 0.5, 'PublisherWeight', 0.25, 'MaxIterations', 50,
                        'Tolerance', 0.0001, 'MinimumSampleForBand', 3, 'BandA', 0.9, 'BandB', 0.75, 'BandC', 0.6,
                        'BandD', 0.4, 'DefaultBaseRate', 0.7, 'ReliabilityClamp', 0.01, 'CopyMinSharedClaims', 5,
                        'CopyMinAgreement', 0.95, 'CopyMinCoverage', 0.8, 'CopyMaxVotersPerClaim', 50,
                        'MaxExplanation', 5, 'MaxDegreeOfParallelism', NULL)
                        || (COALESCE(parameters, '{}'::jsonb) - 'AsOf');
                """);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "as_of",
                table: "scoring_runs",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE scoring_runs SET parameters = parameters || jsonb_build_object('AsOf', as_of);");

            migrationBuilder.DropColumn(
                name: "as_of",
                table: "scoring_runs");
        }
    }
}
