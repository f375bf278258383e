using System.Linq.Expressions;

namespace ClaimTracker.Api.Features.Access;

// A key as anyone may see it afterwards: never its secret.
public sealed record ApiKeyResponse(
    Guid Id, string Name, Role Role, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static readonly Expression<Func<ApiKey, ApiKeyResponse>> FromKey =
        k => new ApiKeyResponse(k.Id, k.Name, k.Role, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy);

    private static readonly Func<ApiKey, ApiKeyResponse> Compiled = FromKey.Compile();

    public static ApiKeyResponse Of(ApiKey key) => Compiled(key);
}
