using System.Security.Claims;
using System.Text.Encodings.Web;
using ClaimTracker.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Access;

// X-Api-Key: ctk_... One indexed read per request that carries a key, unless ApiKeyCache holds it; a request without
// one is anonymous.
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ClaimTrackerDbContext db, DatabaseRoute route, ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        // Health checks and the OpenAPI document ignore keys: /health/live must answer while the database is down.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
            return AuthenticateResult.NoResult();
        if (values.Count != 1 || !ApiKeyToken.TryParse(values[0], out var id, out var secret))
            return AuthenticateResult.Fail($"The {Header} header does not hold a ClaimTracker key (ctk_ followed by {ApiKeyToken.Length - 4} characters).");

        if (!cache.TryGet(id, out var key))
        {
            // A read's key is looked up where the read will run, so reads go on while the primary is down; a
            // revocation then reaches the replicas within their replication lag. Only keys read from the primary
            // are cached: a lagging replica could hand back a key whose revocation the cache has already heard of.
            if (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)) route.ToReplicas();
            var generation = cache.Generation;
            key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, Context.RequestAborted);
            if (key is not null && !route.OnReplicas) cache.Add(key, generation);
        }
        if (key is null || !key.Matches(secret)) return AuthenticateResult.Fail("The API key is not known.");
        if (key.RevokedAt is not null) return AuthenticateResult.Fail($"The API key '{key.Name}' was revoked at {key.RevokedAt:O}.");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, $"key:{key.Id}"), new Claim(ClaimTypes.Name, key.Name), .. AccessPolicies.RoleClaims(key.Role)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await WriteAsync(StatusCodes.Status401Unauthorized, "An API key is needed",
            result.Failure?.Message ?? $"{Needed()} Send it in the {Header} header; an administrator creates keys (POST /keys or the command line).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).LastOrDefault() ?? "no";
        return WriteAsync(StatusCodes.Status403Forbidden, "The API key may not do this", $"{Needed()} This key has the role {role}.");
    }

    private string Needed() =>
        Context.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>() is { } required
            ? $"This operation needs a key with the role {AccessPolicies.Name(required.Role)} or higher."
            : "This operation needs a key with the role admin.";

    private Task WriteAsync(int status, string title, string detail) => Problems.WriteAsync(Context, status, title, detail);
}
