using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Migrations.Schema
{
    /// <inheritdoc />
    public partial class ApiKeyNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- hand-written SQL: announce key changes ----
            // The API keeps keys it has read for a short while (ApiKeyCache); every change to a key (a revocation from
            // the API, the command line or plain SQL) is announced on this channel at commit, and evicts it everywhere.
            migrationBuilder.Sql("""
                CREATE FUNCTION api_keys_announce() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM pg_notify('claimtracker_api_keys', OLD.id::text);
                    RETURN NULL;
                END
                $fn$;

                CREATE TRIGGER api_keys_announce AFTER UPDATE OR DELETE ON api_keys
                    FOR EACH ROW EXECUTE FUNCTION api_keys_announce();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER api_keys_announce ON api_keys;
                DROP FUNCTION api_keys_announce();
                """);
        }
    }
}
