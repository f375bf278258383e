using System.Security.Claims;
using ClaimTracker.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Access;

public sealed class AccessOptions
{
    public const string Section = "ClaimTracker:Security";

    // Off by default: every call needs a key. A public deployment may open reads (GET) to anyone.
    public bool AnonymousReads { get; set; }
}

// Who made a request, as the audit log names them: "key:<id>" with the key's name, or "system" for the scheduler.
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor System = new("system", "scheduled jobs");

    public static Actor CommandLine() => new($"cli:{Environment.UserName}", "command line");

    public static Actor? Of(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? new Actor(id, user.Identity?.Name ?? id) : null;
}

// The actor behind the current command: the HTTP caller, or whoever the host says (the command line).
public sealed class Caller(IHttpContextAccessor http)
{
    private Actor? _actor;

    public Actor Current => _actor ?? Actor.Of(http.HttpContext?.User) ?? Actor.System;

    public void Use(Actor actor) => _actor = actor;
}

// The role an endpoint needs, kept on the endpoint so that a 403 can say which one and Swagger can show it.
public sealed record RequiredRole(Role Role);

public static class AccessPolicies
{
    public static string Name(Role role) => SnakeCase.Name(role);

    public static IServiceCollection AddClaimTrackerAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions();
        var jwt = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        services.AddHttpContextAccessor();
        var authentication = services.AddAuthentication(jwt.Enabled ? JwtAccess.Selector : ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        if (jwt.Enabled) authentication.AddClaimTrackerJwt(jwt);
        services.AddAuthorization(authorization =>
        {
            authorization.AddPolicy(Name(Role.Reader), policy =>
            {
                if (options.AnonymousReads) policy.RequireAssertion(_ => true);
                else policy.RequireRole(Name(Role.Reader));
            });
            authorization.AddPolicy(Name(Role.Editor), policy => policy.RequireRole(Name(Role.Editor)));
            authorization.AddPolicy(Name(Role.Admin), policy => policy.RequireRole(Name(Role.Admin)));
            // An endpoint that forgets to say who may call it is for administrators only. A path that matches no
            // endpoint passes, so that it gets its 404; so does routing's own answer to a body no endpoint of the path
            // accepts, so that every caller gets the documented 415 rather than "needs a key with the role admin".
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.Resource is HttpContext { } http && NeedsNoRole(http.GetEndpoint())
                    || context.User.IsInRole(Name(Role.Admin)))
                .Build();
        });
        return services;
    }

    // The name ASP.NET Core's routing (AcceptsMatcherPolicy) gives the endpoint that only answers 415; it runs no code of ours.
    private const string UnsupportedMediaTypeEndpoint = "415 HTTP Unsupported Media Type";

    private static bool NeedsNoRole(Endpoint? endpoint) => endpoint is null || endpoint.DisplayName == UnsupportedMediaTypeEndpoint;

    // Each role's claims include the roles below it, so "needs editor" is a plain role check.
    public static IEnumerable<Claim> RoleClaims(Role role) =>
        Enum.GetValues<Role>().Where(r => r <= role).Select(r => new Claim(ClaimTypes.Role, Name(r)));

    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Name(role)).WithMetadata(
            new RequiredRole(role),
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));

    // A key or token that is sent must be good, even where none is needed: a caller who believes they are
    // identified should learn at once that they are not, not when their first write fails.
    public static IApplicationBuilder UseSentKeysMustBeValid(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if ((await context.AuthenticateAsync()).Failure is not null)
            {
                await context.ChallengeAsync();
                return;
            }
            await next(context);
        });
}
