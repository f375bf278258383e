using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

// The compiled matcher, built once from the lexicon table on first use. The lexicon is read-only through
// the API, so the only change it sees is the seed loader's, which runs before the API starts.
public sealed class LexiconCache
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HedgeMatcher? _matcher;

    public async Task<HedgeMatcher> GetAsync(ClaimTrackerDbContext db, CancellationToken ct)
    {
        if (_matcher is { } ready) return ready;
        await _gate.WaitAsync(ct);
        try
        {
            if (_matcher is not null) return _matcher;
            var terms = await db.LexiconTerms.AsNoTracking().Where(t => t.Language == "en").ToListAsync(ct);
            return _matcher = new HedgeMatcher(terms.Select(t => t.ToEntry()));
        }
        finally
        {
            _gate.Release();
        }
    }
}
