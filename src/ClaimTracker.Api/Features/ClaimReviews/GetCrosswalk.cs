using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.ClaimReviews;

public static class GetCrosswalk
{
    public static void Map(IEndpointRouteBuilder claimReviews) =>
        claimReviews.MapGet("/crosswalk", async (string? language, string? publisher, string? label, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(language, publisher, label), ct)))
            .WithName("GetRatingCrosswalk")
            .RequireRole(Role.Reader)
            .WithSummary("The rating crosswalk: fact-checkers' labels and the outcomes they mean")
            .WithDescription("""
                Every entry the import maps textual ratings through: a label, its language (null: any) and publisher site (null: any publisher; subdomains share a site's entries), and the outcome (true, mostly_true, mixed, false, unresolvable, not_a_verdict, superseded). Seeded from seeds/rating-crosswalk.json; edit with PUT and DELETE. Filters: 'language' (exact tag, e.g. pt), 'publisher' (site), 'label' (compared as the import compares labels: without case, diacritics, punctuation or spacing).
                """);

    public sealed record Query(string? Language, string? Publisher, string? Label) : IQuery<IReadOnlyList<CrosswalkEntryResponse>>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, IReadOnlyList<CrosswalkEntryResponse>>
    {
        public async ValueTask<IReadOnlyList<CrosswalkEntryResponse>> Handle(Query query, CancellationToken ct)
        {
            var entries = db.RatingCrosswalk.AsNoTracking();
            if (RatingCrosswalkEntry.ScopeLanguage(query.Language) is { } language) entries = entries.Where(e => e.Language == language);
            if (RatingCrosswalkEntry.ScopePublisher(query.Publisher) is { } publisher) entries = entries.Where(e => e.Publisher == publisher);
            if (query.Label is not null)
            {
                var key = ClaimTracker.ClaimReviews.RatingLabel.Normalize(query.Label);
                entries = entries.Where(e => e.LabelKey == key);
            }
            var rows = await entries.OrderBy(e => e.Publisher).ThenBy(e => e.Language).ThenBy(e => e.LabelKey).ToListAsync(ct);
            return rows.Select(CrosswalkEntryResponse.From).ToList();
        }
    }
}
