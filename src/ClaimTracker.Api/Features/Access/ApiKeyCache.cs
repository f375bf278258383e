using System.Collections.Concurrent;
using ClaimTracker.Api.Infrastructure;
using Npgsql;

namespace ClaimTracker.Api.Features.Access;

// Keys read by ApiKeyAuthentication, kept for at most Lifetime so that a request with a key need not ask the database
// who it is. Revocation stays effective at once: every change to api_keys is announced by a trigger on the channel
// Channel (migration ApiKeyNotifications) and evicts the key here when its transaction commits; a revocation through
// this instance's API also evicts before its answer is sent. The cache is used only while the listener is connected:
// when it is not (database restarted, connection cut), every request reads its key from the database again.
public sealed class ApiKeyCache(TimeProvider clock)
{
    public const string Channel = "claimtracker_api_keys";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Guid, (ApiKey Key, DateTimeOffset Until)> _keys = new();
    private long _generation;
    private volatile bool _listening;

    // Taken before a key is read from the database; Add keeps the key only if nothing was evicted since, so a key
    // read just before its revocation committed is never kept after the revocation's eviction.
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(Guid id, out ApiKey key)
    {
        key = null!;
        if (!_listening || !_keys.TryGetValue(id, out var entry)) return false;
        if (entry.Until <= clock.GetUtcNow())
        {
            _keys.TryRemove(id, out _);
            return false;
        }
        key = entry.Key;
        return true;
    }

    public void Add(ApiKey key, long generation)
    {
        if (!_listening) return;
        _keys[key.Id] = (key, clock.GetUtcNow() + Lifetime);
        // An eviction raced with this read: drop what may be stale.
        if (Generation != generation) _keys.TryRemove(key.Id, out _);
    }

    public void Evict(Guid id)
    {
        Interlocked.Increment(ref _generation);
        _keys.TryRemove(id, out _);
    }

    internal void Listening(bool listening)
    {
        _listening = listening;
        Interlocked.Increment(ref _generation);
        _keys.Clear();
    }
}

// LISTENs on ApiKeyCache.Channel on a connection of its own (to the primary: a standby does not deliver notifications)
// and evicts the announced keys; reconnects after a pause when the connection is lost, the cache off meanwhile.
public sealed class ApiKeyCacheListener(ApiKeyCache cache, IConfiguration configuration, ILogger<ApiKeyCacheListener> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ClaimTrackerServices.ConnectionString(configuration))
        {
            // A connection that only waits: no statement or command limit, a keepalive to notice a dead server.
            CommandTimeout = 0,
            KeepAlive = 10,
            Pooling = false,
        }.ConnectionString;
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id)) cache.Evict(id);
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ApiKeyCache.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.Listening(true);
                pause = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                cache.Listening(false);
                log.LogWarning("API keys are read from the database on every request until the key listener reconnects: {Message}", exception.Message);
                try { await Task.Delay(pause, stoppingToken); } catch (OperationCanceledException) { break; }
                pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
            }
            finally
            {
                cache.Listening(false);
            }
        }
    }
}
