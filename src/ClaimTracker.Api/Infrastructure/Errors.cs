using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Api.Infrastructure;

// A request that breaks a rule of the current state: resolving twice, a stale version, evidence on a closed claim.
public sealed class ConflictException(string detail) : Exception(detail);

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

    public static PostgresException? Postgres(Exception exception) => exception switch
    {
        PostgresException postgres => postgres,
        DbUpdateException { InnerException: PostgresException postgres } => postgres,
        _ => null,
    };
}
