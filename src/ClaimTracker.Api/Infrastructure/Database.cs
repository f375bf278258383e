using Npgsql;

namespace ClaimTracker.Api.Infrastructure;

// How long a request may wait on PostgreSQL, so that none hangs on a database that is gone or holds one that is
// busy. Each limit is added to the connection string only where the connection string does not set its own.
public sealed class DatabaseOptions
{
    public const string Section = "ClaimTracker:Database";

    // Opening a connection. A live server answers in milliseconds; a dead host (packets dropped, no refusal) would
    // otherwise keep each request waiting Npgsql's default 15 s for the same 503.
    public int ConnectTimeoutSeconds { get; set; } = 5;

    // One statement, enforced by the server (statement_timeout), so that a runaway query stops using the database
    // even after its client gave up. The slowest requests take a few seconds on a million assertions. 0: no limit.
    public int StatementTimeoutSeconds { get; set; } = 30;

    // Npgsql's own wait for an answer, for when the server cannot answer at all (a network partition). Longer than
    // the statement timeout, so that a slow statement ends with the server's clean cancel, not a broken connection.
    public int CommandTimeoutSeconds { get; set; } = 35;

    public bool IsValid => ConnectTimeoutSeconds > 0 && StatementTimeoutSeconds >= 0 && CommandTimeoutSeconds >= 0;

    public string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Keys lists what the string sets, under Npgsql's canonical names; ContainsKey is true for every known keyword.
        var given = builder.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("Timeout")) builder.Timeout = ConnectTimeoutSeconds;
        if (!given.Contains("Command Timeout")) builder.CommandTimeout = CommandTimeoutSeconds;
        // A pooled connection goes back without DISCARD ALL: requests leave no session state behind (settings are
        // SET LOCAL, locks transaction-scoped), and DISCARD ALL would also drop the statements prepared below.
        if (!given.Contains("No Reset On Close")) builder.NoResetOnClose = true;
        // The statements every request runs (key, claim read, creates) are parsed and planned once per connection.
        if (!given.Contains("Max Auto Prepare")) builder.MaxAutoPrepare = 64;
        if (builder.Options?.Contains("statement_timeout", StringComparison.OrdinalIgnoreCase) != true)
            builder.Options = $"{builder.Options} -c statement_timeout={StatementTimeoutSeconds}s".Trim();
        return builder.ConnectionString;
    }

    // Scoring runs and imports go through a whole data set in one statement, for as long as it takes: no limit of
    // the server's or of Npgsql's. Of two settings in Options the server applies the last.
    public static string ForBulkWork(string connectionString)
    {
        // Reset on close: an import leaves temporary tables behind in its session.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0, NoResetOnClose = false };
        builder.Options = $"{builder.Options} -c statement_timeout=0".Trim();
        return builder.ConnectionString;
    }
}
