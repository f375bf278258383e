using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ClaimEmbeddings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "claim_embeddings",
                columns: table => new
                {
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_version = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    vector = table.Column<float[]>(type: "real[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_embeddings", x => x.claim_id);
                    table.ForeignKey(
                        name: "fk_claim_embeddings_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // --- Hand-written SQL (ClaimEmbeddings) ---
            // The vectors are all-MiniLM-L6-v2's: 384 reals of unit length, so their cosine is their dot product.
            migrationBuilder.Sql("ALTER TABLE claim_embeddings ADD CONSTRAINT ck_claim_embeddings_384 CHECK (array_length(vector, 1) = 384 AND array_ndims(vector) = 1);");
            // No pgvector on Debian bookworm's PostgreSQL 15, so the dot product is computed here and EmbeddingSimilarity
            // scans every row. Measured at 10k and 100k rows (README "Similar claims"): a PL/pgSQL FOREACH loop took about
            // half the time of a SQL function summing over unnest(a, b), and a third less than indexing both arrays.
            // The products are taken in double precision: PostgreSQL raises an error when a real product underflows.
            migrationBuilder.Sql("""
                CREATE FUNCTION claim_embedding_cosine(a real[], b real[]) RETURNS double precision
                LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
                DECLARE
                    total double precision := 0;
                    x double precision;
                    i integer := 1;
                BEGIN
                    FOREACH x IN ARRAY a LOOP
                        total := total + x * b[i];
                        i := i + 1;
                    END LOOP;
                    RETURN total;
                END $$;
                """);
            // --- End of hand-written SQL ---
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION claim_embedding_cosine(real[], real[]);");

            migrationBuilder.DropTable(
                name: "claim_embeddings");
        }
    }
}
