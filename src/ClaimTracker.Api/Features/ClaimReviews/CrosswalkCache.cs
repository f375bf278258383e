using ClaimTracker.Api.Infrastructure;
using ClaimTracker.ClaimReviews;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.ClaimReviews;

// The rating crosswalk as the table holds it now. Building it from ~300 rows on every import would be cheap, but an
// import asks once per request and the table rarely changes: the cached crosswalk is kept while the table's row count
// and latest change are what they were (one small query), so an edit made through any API instance is seen by the
// next import: an edit sets UpdatedAt to now, a delete lowers the count.
public sealed class CrosswalkCache
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Count, DateTimeOffset? LastChange, RatingCrosswalk Crosswalk)? _cached;

    public async Task<RatingCrosswalk> GetAsync(ClaimTrackerDbContext db, CancellationToken ct)
    {
        var entries = db.RatingCrosswalk.AsNoTracking();
        var stamp = await entries.GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), LastChange = g.Max(e => (DateTimeOffset?)e.UpdatedAt) })
            .FirstOrDefaultAsync(ct);
        var (count, last) = (stamp?.Count ?? 0, stamp?.LastChange);
        if (_cached is { } hit && hit.Count == count && hit.LastChange == last) return hit.Crosswalk;

        await _gate.WaitAsync(ct);
        try
        {
            var rows = await entries.OrderBy(e => e.Id).ToListAsync(ct);
            var crosswalk = new RatingCrosswalk(rows.Select(r => r.ToEntry()));
            _cached = (count, last, crosswalk);
            return crosswalk;
        }
        finally
        {
            _gate.Release();
        }
    }
}
