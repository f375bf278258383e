using System.Threading.RateLimiting;
using ClaimTracker.Api.Features.Access;

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
// The address limit comes first, before any key is looked up; the caller's limit after authentication, so that
// only the holder of a key (or token) spends its allowance, not whoever knows its id.
public static class RateLimits
{
    private const string Detail = "Retry after the number of seconds in Retry-After.";

    public static IServiceCollection AddClaimTrackerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var callers = new CallerLimiter(options);
        services.AddSingleton(callers);
        services.AddRateLimiter(limiter =>
        {
            if (!options.Enabled) return;
            limiter.GlobalLimiter = callers.ByAddress;
            limiter.OnRejected = (rejected, _) => new ValueTask(TooManyAsync(rejected.HttpContext, rejected.Lease,
                $"At most {options.PerAddressPerMinute} requests a minute from one address. {Detail}"));
        });
        return services;
    }

    public static IApplicationBuilder UseCallerRateLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limiter = context.RequestServices.GetRequiredService<CallerLimiter>();
            if (limiter.Options.Enabled && Actor.Of(context.User) is { } actor)
            {
                using var lease = limiter.Acquire(actor.Id);
                if (!lease.IsAcquired)
                {
                    await TooManyAsync(context, lease, $"At most {limiter.Options.PerKeyPerMinute} requests a minute per API key (or token). {Detail}");
                    return;
                }
            }
            await next(context);
        });

    private static Task TooManyAsync(HttpContext context, RateLimitLease lease, string detail)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1;
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", detail, Math.Max(1, retryAfter));
    }

    private static TokenBucketRateLimiterOptions PerMinute(int requests) => new()
    {
        TokenLimit = Math.Max(1, requests),
        TokensPerPeriod = Math.Max(1, requests / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public sealed class CallerLimiter(RateLimitOptions options)
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(caller, _ => PerMinute(options.PerKeyPerMinute)));

        private readonly PartitionedRateLimiter<string> _addresses = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetTokenBucketLimiter(address, _ => PerMinute(options.PerAddressPerMinute)));

        public RateLimitOptions Options => options;

        // The address limit as the middleware applies it, sharing its buckets with SpendAsync.
        public PartitionedRateLimiter<HttpContext> ByAddress => _addresses.WithTranslatedKey<HttpContext>(AddressOf, leaveOpen: true);

        public RateLimitLease Acquire(string caller) => _limiter.AttemptAcquire(caller);

        // One more permit for work a request does beyond arriving (a batch's lines): from the key's (or token's) bucket,
        // or the address's for a caller without one. An empty bucket pauses the request until it refills, rather than
        // cutting off an answer that has already begun.
        public async Task SpendAsync(HttpContext context, CancellationToken ct)
        {
            if (!options.Enabled) return;
            var (limiter, partition) = Actor.Of(context.User) is { } actor ? (_limiter, actor.Id) : (_addresses, AddressOf(context));
            while (true)
            {
                TimeSpan wait;
                using (var lease = limiter.AttemptAcquire(partition))
                {
                    if (lease.IsAcquired) return;
                    wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                }
                await Task.Delay(wait, ct);
            }
        }

        private static string AddressOf(HttpContext context) => $"{context.Connection.RemoteIpAddress}";
    }
}
