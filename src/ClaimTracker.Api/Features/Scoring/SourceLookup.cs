using ClaimTracker.Api.Features.Sources;

namespace ClaimTracker.Api.Features.Scoring;

public static class SourceLookup
{
    public static IQueryable<Source> ByIdOrSlug(this IQueryable<Source> sources, string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id) ? sources.Where(s => s.Id == id) : sources.Where(s => s.Slug == idOrSlug);
}
