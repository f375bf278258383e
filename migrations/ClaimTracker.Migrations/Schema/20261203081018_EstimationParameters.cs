using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <summary>
    /// Runs recorded before the evidence factors, the push bound and the decay reference existed computed as these
    /// values do (every vote at full weight, no bound, ages counted from the run's clock): their records say so. The
    /// run summary gains TiedQuestions and Warnings (jsonb: nothing to change).
    /// </summary>
    public partial class EstimationParameters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE scoring_runs
                SET parameters = jsonb_build_object(
                    'NonConclusiveWeight', 1, 'InterestedWeight', 1, 'DecayReference', 'AsOf', 'PushBoundQuantile', 0) || parameters
                WHERE NOT parameters ? 'DecayReference';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE scoring_runs
                SET parameters = parameters - ARRAY['NonConclusiveWeight', 'InterestedWeight', 'DecayReference', 'PushBoundQuantile'];
                """);
        }
    }
}
