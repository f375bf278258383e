using System.Security.Cryptography;
using System.Text;
using ClaimTracker.Api.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClaimTracker.Api.Infrastructure;

public sealed class IdempotencyOptions
{
    public const string Section = "ClaimTracker:Idempotency";

    // How long a key is remembered: a newsroom script retries within minutes, a replayed batch within a day.
    public int RetentionHours { get; set; } = 24;

    // A retry that arrives while the first request is still running waits this long for its answer.
    public int WaitSeconds { get; set; } = 10;

    // A first request that has not finished after this long is taken to have died; if it wrote nothing, a retry runs.
    public int LeaseSeconds { get; set; } = 600;
}

// The first answer to a create sent with an Idempotency-Key, kept so that a retry gets the same answer.
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;

    public string ActorId { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Method { get; private set; } = "";
    public string Path { get; private set; } = "";
    // The claim of the first request: "<instance>/<random>". While it runs, the key is in that instance's in-flight set.
    public string? Owner { get; private set; }
    public byte[]? Fingerprint { get; private set; }
    // Set in the transaction of the write itself: true means the write is in the database, answer kept or not.
    public bool Committed { get; private set; }
    public int? StatusCode { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.ActorId, r.Key });
        builder.Property(r => r.ActorId).HasMaxLength(300);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.Method).HasMaxLength(10);
        builder.Property(r => r.Path).HasMaxLength(2000);
        builder.Property(r => r.Owner).HasMaxLength(200);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.HasIndex(r => r.CreatedAt);
    }
}

// Marks an endpoint whose POST may carry an Idempotency-Key (every create).
public sealed record AcceptsIdempotencyKey;

// The key the current request claimed, for the command's transaction to mark as committed.
public sealed class IdempotencyClaim
{
    // The key and this request's claim on it (the row's owner): a row the request no longer owns is never touched.
    public (string ActorId, string Key, string Owner)? Current { get; set; }

    // The request has written something (in a transaction that may still be open): its answer, whatever its
    // status, is the one a retry must get.
    public bool Committed { get; private set; }

    public async Task MarkCommittedAsync(ClaimTrackerDbContext db, CancellationToken ct)
    {
        if (Current is not var (actor, key, owner) || Committed) return;
        var marked = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE idempotency_keys SET committed = true WHERE actor_id = {actor} AND key = {key} AND owner = {owner}", ct);
        // Taken over as abandoned (this request outlived the lease): its write must not happen beside the new one's.
        if (marked != 1)
            throw new ConflictException($"This request's {Idempotency.Header} was given up as abandoned and taken by a retry; nothing was written. Read the resource to see the retry's outcome.");
        Committed = true;
    }

    // The mark as a statement of the command's last batch (RecordClaim): Marked checks it once the batch has run.
    public NpgsqlBatchCommand? AddMark(NpgsqlBatch batch) => Current is var (actor, key, owner) && !Committed
        ? batch.Add(Batches.Command($"UPDATE idempotency_keys SET committed = true WHERE actor_id = {actor} AND key = {key} AND owner = {owner}"))
        : null;

    public void Marked(NpgsqlBatchCommand? mark)
    {
        if (mark is null) return;
        if (mark.RecordsAffected != 1)
            throw new ConflictException($"This request's {Idempotency.Header} was given up as abandoned and taken by a retry; nothing was written. Read the resource to see the retry's outcome.");
        Committed = true;
    }

    // The transaction that marked the key was rolled back (to be run again): the key is unmarked again.
    public void RolledBack() => Committed = false;

    // The marked transaction of an ICommitsWithItsAnswer command, left open for KeepAndCommitAsync.
    private IDbContextTransaction? _pending;

    public bool TakeCommit(IDbContextTransaction transaction)
    {
        if (Current is null || !Committed) return false;
        _pending = transaction;
        return true;
    }

    // Keeps the answer and commits the write in one round trip (without a pending transaction, keeps it alone): a
    // retry can never find the write without its answer.
    public async Task KeepAsync(ClaimTrackerDbContext db, byte[] fingerprint, int status, string? contentType, string? location,
        byte[] body, DateTimeOffset now)
    {
        if (Current is not var (actor, key, owner)) return;
        FormattableString keep = $"""
            UPDATE idempotency_keys SET fingerprint = {fingerprint}, status_code = {status}, content_type = {contentType},
                   location = {location}, body = {body}, completed_at = {now}
            WHERE actor_id = {actor} AND key = {key} AND owner = {owner}
            """;
        if (_pending is null)
        {
            await db.Database.ExecuteSqlAsync(keep, CancellationToken.None);
            return;
        }
        var transaction = _pending;
        _pending = null;
        await using (transaction)
        {
            await using var batch = db.CreateBatch();
            batch.Add(Batches.Command(keep));
            batch.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    // The request failed after its command: the write it left open is rolled back.
    public async Task AbandonAsync()
    {
        if (_pending is not { } transaction) return;
        _pending = null;
        Committed = false;
        await transaction.DisposeAsync();
    }

    // For a request that marked its key but then wrote nothing after all (an import whose upload broke off): the
    // retry should run, not be told that the first one was written. Best effort: if the database is gone too,
    // the key stays marked and the retry is told to read the resource.
    public async Task UnmarkAsync(ClaimTrackerDbContext db)
    {
        if (Current is not var (actor, key, owner) || !Committed) return;
        try
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE idempotency_keys SET committed = false WHERE actor_id = {actor} AND key = {key} AND owner = {owner}", CancellationToken.None);
            Committed = false;
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
        }
    }
}

// Idempotency-Key, as payment APIs do it: the first request with a key runs and its answer is kept; a retry with
// the same key and the same body gets that answer again (Idempotent-Replayed: true) and writes nothing; the same
// key with another body or operation is a client error (422). A retry that arrives while the first is running
// waits for it. The key is claimed (a row) before the request runs, so of concurrent requests only one runs.
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    // This instance, and the keys whose first request it is running now. A claimed key of this instance that is not
    // in flight belongs to a request that ended without releasing it (the database went away first): if its write
    // was not committed, a retry may run at once instead of waiting for the lease.
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Actor, string Key), byte> InFlight = new();

    public static TBuilder AcceptsIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptsIdempotencyKey());

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<AcceptsIdempotencyKey>() is null
                || !context.Request.Headers.TryGetValue(Header, out var values))
            {
                await next(context);
                return;
            }
            if (values.Count != 1 || !IsValidKey(values[0]))
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                    $"'{Header}' is one value of 1 to {IdempotencyRecord.MaxKeyLength} printable ASCII characters (a UUID is a good choice).");
                return;
            }
            await new Session(context, Actor.Of(context.User)?.Id ?? "anonymous", values[0]!).RunAsync(next);
        });

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= IdempotencyRecord.MaxKeyLength } && key.All(c => c is >= '!' and <= '~');

    private sealed class Session(HttpContext context, string actor, string key)
    {
        private readonly ClaimTrackerDbContext _db = context.RequestServices.GetRequiredService<ClaimTrackerDbContext>();
        private readonly IdempotencyOptions _options = context.RequestServices.GetRequiredService<IOptions<IdempotencyOptions>>().Value;
        private readonly TimeProvider _clock = context.RequestServices.GetRequiredService<TimeProvider>();
        private readonly string _method = context.Request.Method;
        private readonly string _path = Truncate(context.Request.Path + context.Request.QueryString, 2000);
        private readonly string _owner = $"{Instance}/{Guid.NewGuid():N}";
        private CancellationToken Aborted => context.RequestAborted;

        public async Task RunAsync(RequestDelegate next)
        {
            var waitUntil = _clock.GetUtcNow().AddSeconds(_options.WaitSeconds);
            while (true)
            {
                // The in-flight mark is taken before the claim, so that no request of this instance ever sees this
                // instance's claim without its mark and takes it for abandoned.
                if (InFlight.TryAdd((actor, key), 0))
                {
                    try
                    {
                        if (await TryClaimAsync())
                        {
                            await RunClaimedAsync(next);
                            return;
                        }
                    }
                    finally
                    {
                        InFlight.TryRemove((actor, key), out _);
                    }
                }
                // Looked at before and after the read: a first request that finishes in between has stored its answer
                // (or released the key) before dropping its mark, and one that starts in between is still marked.
                var runningBefore = InFlight.ContainsKey((actor, key));
                var record = await FindAsync();
                if (record is null)
                {
                    // Released since (try to claim it again), or about to be claimed by a request of this instance.
                    if (InFlight.ContainsKey((actor, key)))
                    {
                        if (_clock.GetUtcNow() >= waitUntil)
                        {
                            await InProgressAsync(written: false);
                            return;
                        }
                        await Task.Delay(TimeSpan.FromMilliseconds(20), Aborted);
                    }
                    continue;
                }
                if (record.Method != _method || record.Path != _path)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                        $"This {Header} was first used for {record.Method} {record.Path}; a key belongs to one request. Use a new key for a new request.");
                    return;
                }
                if (record.StatusCode is not null)
                {
                    await ReplayAsync(record);
                    return;
                }
                var abandoned = record.Owner?.StartsWith(Instance + "/", StringComparison.Ordinal) == true && !runningBefore && !InFlight.ContainsKey((actor, key))
                    || record.CreatedAt.AddSeconds(_options.LeaseSeconds) < _clock.GetUtcNow();
                if (abandoned && !record.Committed)
                {
                    await ReleaseAbandonedAsync(record.Owner);
                    continue;
                }
                if (_clock.GetUtcNow() >= waitUntil || abandoned)
                {
                    await InProgressAsync(written: record.Committed);
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50), Aborted);
            }
        }

        private async Task<bool> TryClaimAsync() =>
            await _db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO idempotency_keys (actor_id, key, method, path, owner, committed, created_at)
                VALUES ({actor}, {key}, {_method}, {_path}, {_owner}, false, {_clock.GetUtcNow()})
                ON CONFLICT DO NOTHING
                """, Aborted) == 1;

        private Task<IdempotencyRecord?> FindAsync() =>
            _db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.ActorId == actor && r.Key == key, Aborted);

        private Task ReleaseAbandonedAsync(string? owner) =>
            _db.Set<IdempotencyRecord>()
                .Where(r => r.ActorId == actor && r.Key == key && !r.Committed && r.Owner == owner)
                .ExecuteDeleteAsync(Aborted);

        private Task InProgressAsync(bool written) =>
            Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Request with this Idempotency-Key in progress",
                written
                    ? $"The first request with this {Header} was written, but its answer was lost (the service stopped before sending it). Read the resource instead of retrying."
                    : $"The first request with this {Header} is still running; retry after a few seconds to get its answer.",
                retryAfterSeconds: 2);

        private async Task RunClaimedAsync(RequestDelegate next)
        {
            var claim = context.RequestServices.GetRequiredService<IdempotencyClaim>();
            claim.Current = (actor, key, _owner);
            var hash = new HashingStream(context.Request.Body, context.Request.ContentType);
            context.Request.Body = hash;
            var client = context.Response.Body;
            await using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
                // A refused import is still recorded (failed, with its lines): its 422 is kept and replayed like a 201.
                if (context.Response.StatusCode is >= 200 and < 300 || claim.Committed)
                {
                    await hash.DrainAsync(Aborted);
                    await KeepAsync(claim, hash.Fingerprint(), buffer.ToArray());
                }
                else
                {
                    await ReleaseAsync();
                }
            }
            catch
            {
                await claim.AbandonAsync();
                await ReleaseQuietlyAsync();
                throw;
            }
            finally
            {
                context.Response.Body = client;
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(client, Aborted);
        }

        private Task KeepAsync(IdempotencyClaim claim, byte[] fingerprint, byte[] body)
        {
            var response = context.Response;
            var location = response.Headers.Location.ToString();
            return claim.KeepAsync(_db, fingerprint, response.StatusCode, response.ContentType, location.Length == 0 ? null : location, body,
                _clock.GetUtcNow());
        }

        // A request that was refused wrote nothing, so its key is free again: the corrected request may use it.
        private Task ReleaseAsync() =>
            _db.Set<IdempotencyRecord>().Where(r => r.ActorId == actor && r.Key == key && r.Owner == _owner && !r.Committed)
                .ExecuteDeleteAsync(CancellationToken.None);

        private async Task ReleaseQuietlyAsync()
        {
            try
            {
                await ReleaseAsync();
            }
            catch (Exception)
            {
                // The database is gone too; the lease frees the key later.
            }
        }

        private async Task ReplayAsync(IdempotencyRecord record)
        {
            var hash = new HashingStream(context.Request.Body, context.Request.ContentType);
            await hash.DrainAsync(Aborted);
            if (record.Fingerprint is null || !CryptographicOperations.FixedTimeEquals(hash.Fingerprint(), record.Fingerprint))
            {
                await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    $"This {Header} was first used with a different body; a key belongs to one request. Use a new key for a new request.");
                return;
            }
            var response = context.Response;
            response.StatusCode = record.StatusCode!.Value;
            if (record.ContentType is not null) response.ContentType = record.ContentType;
            if (record.Location is not null) response.Headers.Location = record.Location;
            response.Headers[ReplayedHeader] = "true";
            if (record.Body is { Length: > 0 } body) await response.Body.WriteAsync(body, Aborted);
        }

        private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
    }

    // Reads the request body through SHA-256 (with its content type), so a retry's body can be compared without keeping it.
    private sealed class HashingStream : Stream
    {
        private readonly Stream _inner;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public HashingStream(Stream inner, string? contentType)
        {
            _inner = inner;
            _hash.AppendData(Encoding.UTF8.GetBytes((contentType ?? "") + "\n"));
        }

        public byte[] Fingerprint() => _hash.GetCurrentHash();

        public async Task DrainAsync(CancellationToken ct)
        {
            var buffer = new byte[81920];
            while (await ReadAsync(buffer, ct) > 0) { }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await _inner.ReadAsync(buffer, cancellationToken);
            _hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, count);
            _hash.AppendData(buffer, offset, read);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}

// Forgets keys older than the retention, once an hour (on every instance; the delete is cheap and harmless twice).
public sealed class IdempotencySweeper(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
                var cutoff = clock.GetUtcNow().AddHours(-options.Value.RetentionHours);
                await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not forget expired idempotency keys; trying again in an hour");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
