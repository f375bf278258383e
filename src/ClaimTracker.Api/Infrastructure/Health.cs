using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClaimTracker.Api.Infrastructure;

public static class Health
{
    private const string Ready = "ready";
    private const string Database = "database";
    private const string ReadDatabase = "database-read";

    // With read replicas, a primary that is down leaves the instance degraded, not unready: it still serves reads
    // (writes get 503s), so a load balancer should keep sending it traffic. Unready when reads cannot be served either.
    public static IServiceCollection AddClaimTrackerHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var replicas = ReadReplica.From(configuration).ConnectionString is not null;
        var checks = services.AddHealthChecks().AddDbContextCheck<ClaimTrackerDbContext>(
            Database, failureStatus: replicas ? HealthStatus.Degraded : null, tags: [Ready]);
        if (replicas) checks.AddCheck<ReadDatabaseHealthCheck>(ReadDatabase, tags: [Ready]);
        services.AddHostedService<DatabaseWarmUp>();
        // A probe wants its answer in time: an unreachable host would otherwise hold it for the whole connect timeout.
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var check in options.Registrations.Where(r => r.Name is Database or ReadDatabase)) check.Timeout = TimeSpan.FromSeconds(3);
        });
        return services;
    }

    // live: the process answers. ready: it can also reach its database, so a load balancer may send traffic.
    // Both answer from the routing middleware (ShortCircuit), before the rest of the pipeline: a probe is anonymous,
    // ignores keys and rate limits, and has no body, so authentication, limits and idempotency have nothing to do
    // for it, and a probe sent many times a second should not pay for them.
    public static void MapClaimTrackerHealth(this IEndpointRouteBuilder app)
    {
        app.Map("/health/live", WriteLive)
            .WithTags("Health").AllowAnonymous().DisableRateLimiting().ShortCircuit();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write })
            .WithTags("Health").AllowAnonymous().DisableRateLimiting().ShortCircuit();
    }

    // What the health check middleware answers for a report with no checks, written without building one:
    // liveness runs no check, so its answer never changes.
    private static readonly byte[] LiveBody = """{"status":"healthy","checks":{}}"""u8.ToArray();

    private static Task WriteLive(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store, no-cache";
        headers.Pragma = "no-cache";
        headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = LiveBody.Length;
        return context.Response.Body.WriteAsync(LiveBody, context.RequestAborted).AsTask();
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
        }));
    }
}
