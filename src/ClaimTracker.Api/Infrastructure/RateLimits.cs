using System.Globalization;
using System.Threading.RateLimiting;
using ClaimTracker.Api.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ClaimTracker.Api.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "ClaimTracker:RateLimits";

    public bool Enabled { get; set; } = true;

    // Requests a key may send per minute, in bursts of up to a minute's worth. A newsroom script recording the
    // claims of a busy day sends a few per second; a runaway loop is stopped before it crowds out everyone else.
    public int PerKeyPerMinute { get; set; } = 600;

    // Requests per minute from one address, with or without a key: bounds anyone cycling through made-up keys.
    public int PerAddressPerMinute { get; set; } = 1200;
}

// Limits are kept per instance, in memory: behind a load balancer with N instances a caller gets up to N times as much.
public static class RateLimits
{
    public static IServiceCollection AddClaimTrackerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            if (!options.Enabled) return;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    ApiKeyToken.TryParseId(context.Request.Headers[ApiKeyAuthentication.Header].ToString(), out var key)
                        ? RateLimitPartition.GetTokenBucketLimiter($"key:{key:N}", _ => PerMinute(options.PerKeyPerMinute))
                        : RateLimitPartition.GetNoLimiter("no key")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    RateLimitPartition.GetTokenBucketLimiter(
                        $"address:{context.Connection.RemoteIpAddress}", _ => PerMinute(options.PerAddressPerMinute))));
            limiter.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1;
                await Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"At most {options.PerKeyPerMinute} requests a minute per API key and {options.PerAddressPerMinute} per address. Retry after the number of seconds in Retry-After.",
                    Math.Max(1, retryAfter));
            };
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions PerMinute(int requests) => new()
    {
        TokenLimit = Math.Max(1, requests),
        TokensPerPeriod = Math.Max(1, requests / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
