namespace ClaimTracker.Api.Infrastructure;

// A transaction PostgreSQL aborted for colliding with a concurrent one (a deadlock on new sources, a serialization
// failure) wrote nothing, so it is run again: up to four attempts, each after a short random pause so that the two
// colliding requests do not meet again at once.
public static class Collisions
{
    private const int Attempts = 4;

    public static async ValueTask<T> RetryAsync<T>(Func<ValueTask<T>> transaction, Action beforeRetry, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction();
            }
            catch (Exception exception) when (attempt < Attempts && PostgresErrors.IsCollision(exception))
            {
                beforeRetry();
                await Task.Delay(Random.Shared.Next(5, 30) * attempt, ct);
            }
        }
    }
}
