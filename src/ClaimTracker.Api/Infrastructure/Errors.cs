using System.Net.Sockets;
using Npgsql;

namespace ClaimTracker.Api.Infrastructure;

// A request that breaks a rule of the current state: resolving twice, a stale version, evidence on a closed claim.
public sealed class ConflictException(string detail) : Exception(detail);

// A create that would duplicate a stored resource: 409 with the existing one's id and address, so the caller can use it.
public sealed class DuplicateException(Guid existingId, string location, string detail) : Exception(detail)
{
    public Guid ExistingId { get; } = existingId;
    public string Location { get; } = location;
}

// A body that names something that does not exist ("report.chain[1].source.slug": no source "yonhapp").
public sealed class MissingReferenceException(string field, string detail) : Exception(detail)
{
    public string Field { get; } = field;
}

public static class PostgresErrors
{
    // Two transactions waited on each other (they created the same new sources in opposite orders) and
    // PostgreSQL aborted one. Nothing of it was written, so running it again is safe.
    public static bool IsCollision(Exception exception) =>
        Postgres(exception)?.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    // PostgreSQL cannot be reached, or went away during the request: stopped, restarting, failing over, refusing more
    // connections, or a broken network. The client did nothing wrong and the same request may succeed soon.
    public static bool IsUnavailable(Exception exception) => Causes(exception).Any(cause => cause switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        // Refused or reset sockets, a connect timeout, a server that closed the connection mid-statement.
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException } => true,
        // Every connection is busy connecting to a server that does not answer; Npgsql gives this no type of its own.
        NpgsqlException npgsql => npgsql.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal),
        // The server died between two statements of a transaction: Npgsql ends the transaction with the broken
        // connection, and the next statement finds it completed. Our code never uses a transaction it has ended.
        InvalidOperationException { Source: "Npgsql" } ended => ended.Message.Contains("ransaction is already completed", StringComparison.Ordinal)
            || ended.Message.Contains("has completed; it is no longer usable", StringComparison.Ordinal),
        _ => false,
    });

    // The server cancelled a statement that ran longer than statement_timeout (ClaimTracker:Database). It also says
    // 57014 when the client cancels, but then the request was aborted and nobody is waiting for an answer.
    public static bool IsStatementTimeout(Exception exception) => Postgres(exception)?.SqlState == PostgresErrorCodes.QueryCanceled;

    // Wherever it is: EF Core wraps it (DbUpdateException, or InvalidOperationException for a transient failure).
    public static PostgresException? Postgres(Exception exception) => Causes(exception).OfType<PostgresException>().FirstOrDefault();

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
            if (cause is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes)) yield return inner;
        }
    }
}
