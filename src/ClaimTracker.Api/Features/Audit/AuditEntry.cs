using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace ClaimTracker.Api.Features.Audit;

public enum ChangeKind { Added, Modified, Deleted }

// One row changed by a write: its table, key and what happened to it ("claims", "0192...", added).
public sealed record AuditChange(string Entity, string EntityId, ChangeKind Change);

// One write: who, when, which operation, and every row it added, changed or deleted. Written in the write's own
// transaction, so there is no write without its entry and no entry for a write that was rolled back.
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(Actor actor, string action, IReadOnlyList<AuditChange> changes, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        At = now;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Action = action;
        Changes = [.. changes];
    }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public List<AuditChange> Changes { get; private set; } = [];
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(e => e.ActorId).HasMaxLength(300);
        builder.Property(e => e.ActorName).HasMaxLength(300);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.OwnsMany(e => e.Changes, changes =>
        {
            changes.ToTable("audit_changes");
            changes.WithOwner().HasForeignKey("AuditEntryId");
            changes.Property<long>("Id").UseIdentityAlwaysColumn();
            changes.HasKey("Id");
            changes.Property(c => c.Entity).HasMaxLength(100);
            changes.Property(c => c.EntityId).HasMaxLength(300);
            changes.HasIndex(c => new { c.EntityId, c.Entity });
        });
        // GET /audit pages newest first by (at, id).
        builder.HasIndex(e => new { e.At, e.Id });
        builder.HasIndex(e => new { e.ActorId, e.At });
    }
}

// The rows the current scope's DbContext saved, collected as they are saved; the command's audit entry lists them.
public sealed class AuditTrail
{
    private readonly List<AuditChange> _changes = [];
    private readonly HashSet<(string, string)> _seen = [];

    public IReadOnlyList<AuditChange> Changes => _changes;

    public void Add(string type, object id, ChangeKind change)
    {
        var key = (type, id.ToString()!);
        if (_seen.Add(key)) _changes.Add(new AuditChange(type, key.Item2, change));
    }

    public void Clear()
    {
        _changes.Clear();
        _seen.Clear();
    }

    // For work undone inside a transaction (a savepoint rolled back): forget what was collected since Count was read.
    public int Count => _changes.Count;

    public void RollBackTo(int count)
    {
        foreach (var change in _changes.Skip(count)) _seen.Remove((change.Entity, change.EntityId));
        _changes.RemoveRange(count, _changes.Count - count);
    }
}

public sealed class AuditInterceptor(AuditTrail trail) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry || entry.Metadata.IsOwned() || entry.Metadata.FindPrimaryKey() is not { } key) continue;
            ChangeKind? change = entry.State switch
            {
                EntityState.Added => ChangeKind.Added,
                EntityState.Modified => ChangeKind.Modified,
                EntityState.Deleted => ChangeKind.Deleted,
                _ => null,
            };
            if (change is null) continue;
            var id = string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            trail.Add(entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name, id, change.Value);
        }
    }
}

public sealed class AuditLog(ClaimTrackerDbContext db, AuditTrail trail, Caller caller, TimeProvider clock)
{
    // Adds the entry for what this scope has saved so far; the caller saves it in the same transaction.
    // A command that changed nothing (an update to the same values) wrote nothing, so it leaves no entry.
    public void Stage(string action, params AuditChange[] unsaved)
    {
        AuditChange[] changes = [.. trail.Changes, .. unsaved];
        trail.Clear();
        if (changes.Length > 0) db.Add(new AuditEntry(caller.Current, action, changes, clock.GetUtcNow()));
    }

    // The same entry as a statement of the command's last batch (RecordClaim sends it with the read of its answer), for
    // what this scope has saved so far: one round trip fewer than a SaveChanges of its own.
    public void AddEntry(NpgsqlBatch batch, string action)
    {
        var changes = trail.Changes.ToArray();
        trail.Clear();
        if (changes.Length == 0) return;
        var entry = new AuditEntry(caller.Current, action, changes, clock.GetUtcNow());
        var entities = changes.Select(c => c.Entity).ToArray();
        var ids = changes.Select(c => c.EntityId).ToArray();
        var kinds = changes.Select(c => SnakeCase.Name(c.Change)).ToArray();
        batch.Add(Batches.Command($"""
            WITH entry AS (INSERT INTO audit_log (id, at, actor_id, actor_name, action)
                           VALUES ({entry.Id}, {entry.At}, {entry.ActorId}, {entry.ActorName}, {entry.Action}))
            INSERT INTO audit_changes (entity, entity_id, change, audit_entry_id)
            SELECT t.entity, t.entity_id, t.change, {entry.Id}
            FROM unnest({entities}::text[], {ids}::text[], {kinds}::text[]) WITH ORDINALITY AS t(entity, entity_id, change, n)
            ORDER BY t.n
            """));
    }

    public static string ActionOf(Type message) => (message.DeclaringType ?? message).Name;
}
