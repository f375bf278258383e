using System.Collections.Concurrent;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

// The compiled matcher of each language's active terms, labelled with the lexicon version it was built from.
public sealed record LexiconSnapshot(HedgeMatcher Matcher, int Version, string Language);

// Building a matcher reads every term, so it is built once per lexicon version and language. Each call asks
// the database for the current version (one index-only query), so a change made through another API
// instance on the same database is seen by the next report here.
// Never call it inside a transaction that writes the lexicon: it would cache terms that may yet be rolled back.
public sealed class LexiconCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);

    // A regional tag reads with its own terms and those of the tags it falls back to (en-GB: en-GB and en); a
    // regional term overrides the base language's term of the same scale and phrase. Null when none of those
    // languages has an active term.
    public async Task<LexiconSnapshot?> GetAsync(ClaimTrackerDbContext db, string language, CancellationToken ct) =>
        await GetAsync(db, language, await db.CurrentLexiconVersionAsync(ct), ct);

    // With the current version read by the caller (LexiconVersions.CurrentSql, in a batch with its other statements).
    public async Task<LexiconSnapshot?> GetAsync(ClaimTrackerDbContext db, string language, int current, CancellationToken ct)
    {
        language = LanguageTags.Normalize(language);
        if (_entries.TryGetValue(language, out var cached) && cached.Version == current) return cached.Snapshot;

        await _gate.WaitAsync(ct);
        try
        {
            if (_entries.TryGetValue(language, out cached) && cached.Version == current) return cached.Snapshot;
            var entry = await BuildAsync(db, language, current, ct);
            // Keep the newest: a slower caller that built an older version must not replace a newer build.
            _entries.AddOrUpdate(language, entry, (_, existing) => existing.Version > entry.Version ? existing : entry);
            return entry.Snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The terms and the version are read in separate statements; a change committed between them would label
    // newer terms with an older version, so read until the version before and after the terms agree. Lexicon
    // writers commit their terms and their version together, so an unchanged version means unchanged terms.
    private static async Task<Entry> BuildAsync(ClaimTrackerDbContext db, string language, int version, CancellationToken ct)
    {
        while (true)
        {
            var languages = LanguageTags.Fallbacks(language);
            var rows = await db.LexiconTerms.AsNoTracking()
                .Where(t => languages.Contains(t.Language) && t.RetiredInVersion == null)
                .ToListAsync(ct);
            var after = await db.CurrentLexiconVersionAsync(ct);
            if (after != version) { version = after; continue; }

            var terms = rows.GroupBy(t => (t.Scale, t.Phrase))
                .Select(same => same.OrderBy(t => IndexOf(languages, t.Language)).First())
                .Select(t => t.ToEntry())
                .ToList();
            return new Entry(version, terms.Count == 0 ? null : new LexiconSnapshot(new HedgeMatcher(terms), version, language));
        }
    }

    private static int IndexOf(IReadOnlyList<string> languages, string language) =>
        languages.Select((l, i) => (l, i)).First(x => string.Equals(x.l, language, StringComparison.OrdinalIgnoreCase)).i;

    private sealed record Entry(int Version, LexiconSnapshot? Snapshot);
}
