using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Lexicon;

public enum LexiconAction { Added, Changed, Retired }

// One numbered state of the lexicon (1, 2, 3 ...). Every change to the terms creates exactly one version with
// its change rows, in the same transaction, and every report records the version whose matcher read its quote;
// so a re-score can find the reports read with an older lexicon, and each version says what it changed.
public sealed class LexiconVersion
{
    // Said of every lexicon change in its OpenAPI description.
    public const string ChangeNote =
        "Each change creates one new lexicon version with its change rows; reports recorded from then on carry that version, older reports keep theirs.";

    private LexiconVersion() { }

    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string Summary { get; private set; } = "";
    public List<LexiconChange> Changes { get; private set; } = [];

    public static LexiconVersion Record(int version, string summary, IEnumerable<LexiconChange> changes, DateTimeOffset now)
    {
        var list = changes.ToList();
        if (list.Count == 0) throw new InvalidOperationException("A lexicon version records at least one change.");
        foreach (var change in list) change.Stamp(version, now);
        return new LexiconVersion { Version = version, CreatedAt = now, Summary = summary, Changes = list };
    }
}

// One term's change within a version: added (before is null), changed, or retired (after is null).
public sealed class LexiconChange
{
    private LexiconChange() { }

    public Guid Id { get; private set; }
    public int LexiconVersion { get; private set; }
    public Guid TermId { get; private set; }
    public LexiconAction Action { get; private set; }
    public LexiconTermState? Before { get; private set; }
    public LexiconTermState? After { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public static LexiconChange Added(LexiconTerm term) => new() { TermId = term.Id, Action = LexiconAction.Added, After = term.State() };

    public static LexiconChange Changed(LexiconTerm term, LexiconTermState before) =>
        new() { TermId = term.Id, Action = LexiconAction.Changed, Before = before, After = term.State() };

    public static LexiconChange Retired(LexiconTerm term, LexiconTermState before) =>
        new() { TermId = term.Id, Action = LexiconAction.Retired, Before = before };

    internal void Stamp(int version, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        LexiconVersion = version;
        ChangedAt = now;
    }
}

// A term as it stood before or after a change, kept as JSON in the change row.
public sealed class LexiconTermState
{
    public string Phrase { get; set; } = "";
    public string Language { get; set; } = "";
    public string Scale { get; set; } = "";
    public List<string> Variants { get; set; } = [];
    public double Probability { get; set; }
    public double Low { get; set; }
    public double High { get; set; }
    public CuePolarity Polarity { get; set; }
    public CueCategory Category { get; set; }
    public string? Note { get; set; }
    public bool Inflect { get; set; }
    public bool LowercaseOnly { get; set; }
}

public static class LexiconVersions
{
    // The next version number, for a transaction that is about to change the lexicon. The table lock makes
    // lexicon writers queue one behind the other until each commits, so no two share a number and each
    // reads the terms as the one before it left them; readers (SELECT) are not blocked. A transaction that
    // is rolled back and retried (TransactionBehavior) simply allocates again. The primary key is the backstop.
    public static async Task<int> LockAndAllocateAsync(this ClaimTrackerDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Lexicon versions are allocated inside the transaction that writes them.");
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE lexicon_versions IN EXCLUSIVE MODE", ct);
        return await db.CurrentLexiconVersionAsync(ct) + 1;
    }

    // 0 until the first version is recorded (an empty lexicon).
    public static async Task<int> CurrentLexiconVersionAsync(this ClaimTrackerDbContext db, CancellationToken ct) =>
        await db.LexiconVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0;

    // The same, as a statement for a caller's batch: one row, one integer column.
    public const string CurrentSql = "SELECT coalesce(max(version), 0) FROM lexicon_versions";
}

public sealed class LexiconVersionConfiguration : IEntityTypeConfiguration<LexiconVersion>
{
    public void Configure(EntityTypeBuilder<LexiconVersion> builder)
    {
        builder.HasKey(v => v.Version);
        builder.Property(v => v.Version).ValueGeneratedNever();
        builder.HasMany(v => v.Changes).WithOne().HasForeignKey(c => c.LexiconVersion).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LexiconChangeConfiguration : IEntityTypeConfiguration<LexiconChange>
{
    public void Configure(EntityTypeBuilder<LexiconChange> builder)
    {
        builder.Property(c => c.Action).HasMaxLength(20);
        builder.HasOne<LexiconTerm>().WithMany().HasForeignKey(c => c.TermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.LexiconVersion);
        builder.HasIndex(c => c.TermId);
        builder.OwnsOne(c => c.Before, state => state.ToJson());
        builder.OwnsOne(c => c.After, state => state.ToJson());
    }
}
