using System.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ClaimTracker.Api.Infrastructure;

// ConnectionStrings:ClaimTrackerRead, with the timeouts of ClaimTracker:Database applied; null when it is not set and
// every read goes to ConnectionStrings:ClaimTracker. Typically a multi-host string that Npgsql resolves itself:
// Host=primary,standby;Target Session Attributes=prefer-standby reads from a standby while one answers, else the primary.
public sealed record ReadReplica(string? ConnectionString)
{
    public const string ConnectionStringName = "ClaimTrackerRead";

    public static ReadReplica From(IConfiguration configuration) =>
        new(configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Apply(value)
            : null);
}

// Which server the request's DbContext talks to. It starts on the primary. A query (and the key lookup of a GET or HEAD)
// moves it to the replicas, a command moves it back, so a command and the answer it builds always see the primary
// (read-your-writes for whoever sent the command). A replica lags the primary by its replay delay: a caller that
// must see its own earlier write in a later read sends `Consistency: strong`, and that request reads the primary.
// Nothing moves while a connection is open or a transaction runs: a query sent by a command runs in its transaction.
public sealed class DatabaseRoute(ClaimTrackerDbContext db, ReadReplica replica, IHttpContextAccessor http)
{
    public const string ConsistencyHeader = "Consistency";
    public const string Strong = "strong";

    private string? _primary;

    // The request's DbContext talks to the read connection string now.
    public bool OnReplicas => _primary is not null;

    public void ToReplicas()
    {
        if (replica.ConnectionString is null || _primary is not null || WantsStrong() || !Idle()) return;
        _primary = db.Database.GetConnectionString();
        db.Database.SetConnectionString(replica.ConnectionString);
    }

    public void ToPrimary()
    {
        if (_primary is null || !Idle()) return;
        db.Database.SetConnectionString(_primary);
        _primary = null;
    }

    private bool WantsStrong() =>
        http.HttpContext?.Request.Headers[ConsistencyHeader].ToString().Equals(Strong, StringComparison.OrdinalIgnoreCase) == true;

    private bool Idle() => db.Database.CurrentTransaction is null && db.Database.GetDbConnection().State == ConnectionState.Closed;
}

// Queries to the replicas, commands to the primary; before the transaction of a command begins.
public sealed class DatabaseRouting<TMessage, TResponse>(DatabaseRoute route) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IBaseCommand) route.ToPrimary();
        else if (message is IBaseQuery) route.ToReplicas();
        return next(message, cancellationToken);
    }
}

// /health/ready's "database-read": a server of the read connection string answers, and whether it is a standby.
public sealed class ReadDatabaseHealthCheck(ReadReplica replica) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(replica.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            var standby = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            return HealthCheckResult.Healthy(standby ? "reads from a standby" : "reads from the primary: no standby answers");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "no server of the read connection string answers", e);
        }
    }
}
