using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace ClaimTracker.Api.Features.Access;

// For newsrooms with an identity provider: its bearer tokens are accepted beside API keys. The token's role
// claim (reader, editor or admin) decides what the caller may do, as a key's role does.
public sealed class JwtOptions
{
    public const string Section = "ClaimTracker:Security:Jwt";

    // The identity provider (OpenID Connect discovery at {Authority}/.well-known/openid-configuration) ...
    public string? Authority { get; set; }

    // ... or a shared HMAC key (at least 32 bytes), for a provider without discovery or for local testing.
    public string? SigningKey { get; set; }

    public string? Issuer { get; set; }
    public string? Audience { get; set; }

    // The claim that holds the role; several values (an array) give the highest.
    public string RoleClaim { get; set; } = "roles";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}

public static class JwtAccess
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;
    public const string Selector = "KeyOrToken";

    public static AuthenticationBuilder AddClaimTrackerJwt(this AuthenticationBuilder builder, JwtOptions options)
    {
        // A token the provider signed for another application must not work here: the audience is required, and the
        // issuer is checked (from the provider's metadata when only Authority is given).
        if (string.IsNullOrWhiteSpace(options.Audience))
            throw new InvalidOperationException($"{JwtOptions.Section}:Audience must be set when bearer tokens are accepted: it is the audience the identity provider puts in ClaimTracker's tokens.");
        if (string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.Issuer))
            throw new InvalidOperationException($"{JwtOptions.Section}:Issuer must be set with a SigningKey: tokens signed with the key must also name their issuer.");
        builder.AddJwtBearer(SchemeName, jwt =>
        {
            jwt.MapInboundClaims = false;
            if (!string.IsNullOrWhiteSpace(options.Authority)) jwt.Authority = options.Authority;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = options.Issuer,
                ValidateAudience = true,
                ValidAudience = options.Audience,
                ValidateLifetime = true,
                IssuerSigningKey = string.IsNullOrWhiteSpace(options.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)),
                NameClaimType = "name",
                RoleClaimType = ClaimTypes.Role,
            };
            jwt.Events = new JwtBearerEvents { OnTokenValidated = context => Identify(context, options) };
        });
        // A request with "Authorization: Bearer" is read as a token; anything else as an API key (or nothing).
        builder.AddPolicyScheme(Selector, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? SchemeName
                : ApiKeyAuthentication.SchemeName);
        return builder;
    }

    // The token's highest role becomes the role claims a key would carry; a token without a known role may do nothing.
    private static Task Identify(TokenValidatedContext context, JwtOptions options)
    {
        var principal = context.Principal!;
        var roles = principal.FindAll(options.RoleClaim).Select(c => c.Value)
            .Select(v => SnakeCaseRole(v)).OfType<Role>().ToList();
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (subject is null)
        {
            context.Fail("The token has no 'sub' claim: the audit log could not say who acted.");
            return Task.CompletedTask;
        }
        var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? subject;
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, $"jwt:{subject}"), new(ClaimTypes.Name, name)];
        if (roles.Count > 0) claims.AddRange(AccessPolicies.RoleClaims(roles.Max()));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return Task.CompletedTask;
    }

    private static Role? SnakeCaseRole(string value) =>
        Infrastructure.SnakeCase.TryParse<Role>(value, out var role) ? role : null;
}
