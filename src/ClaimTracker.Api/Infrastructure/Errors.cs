namespace ClaimTracker.Api.Infrastructure;

// A request that breaks a rule of the current state: resolving twice, a stale version, evidence on a closed claim.
public sealed class ConflictException(string detail) : Exception(detail);

// A body that names something that does not exist ("report.chain[1].source.slug": no source "yonhapp").
public sealed class MissingReferenceException(string field, string detail) : Exception(detail)
{
    public string Field { get; } = field;
}
