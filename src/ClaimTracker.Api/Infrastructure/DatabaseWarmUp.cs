using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Infrastructure;

// The first database use after start builds the EF Core model and compiles Npgsql's connect path, which on a busy
// machine takes longer than the readiness check's 3 s: the first /health/ready logged a cancelled connect with its
// stack trace before the next one reported healthy. Doing that work here, before the server listens, keeps the
// readiness check to what it is for. A database that cannot be reached is not fatal: readiness reports it.
public sealed class DatabaseWarmUp(IServiceScopeFactory scopes, ILogger<DatabaseWarmUp> logger) : IHostedService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
            _ = db.Model;
            if (!await db.Database.CanConnectAsync(timeout.Token))
                logger.LogWarning("Database not reachable at start; /health/ready reports unhealthy until it is");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Database did not answer within {Seconds} s of start; /health/ready reports unhealthy until it does",
                Limit.TotalSeconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
