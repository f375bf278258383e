using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

public static class GetSource
{
    public const int ClaimLimit = 100;

    public static void Map(IEndpointRouteBuilder sources) =>
        sources.MapGet("/{idOrSlug}", async Task<Results<Ok<Response>, ProblemHttpResult>> (string idOrSlug, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(idOrSlug), ct), "source", idOrSlug))
            .WithName("GetSource")
            .RequireRole(Role.Reader)
            .WithETag()
            .WithSummary("Get a source with its track record and the claims it carried")
            .WithDescription($"By id or slug (e.g. 'yonhap'). Lists the {ClaimLimit} most recent claims it said, in a report's chain (roles) or an imported assertion (assertions: affirms, denies); GET /claims?source= pages through all of them.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    // By id or by slug, so /sources/yonhap works as well as /sources/{guid}.
    public sealed record Query(string IdOrSlug) : IQuery<Response?>;

    public sealed record Response(SourceResponse Source, int ClaimCount, IReadOnlyList<CarriedClaim> Claims) : IVersioned
    {
        int IVersioned.Version => Source.Version;
    }

    // Roles: the source's places in the claim's report chains; Assertions: how its imported assertions about the claim
    // went (affirms, denies). A claim the source only denied is listed too: it said something about it.
    public sealed record CarriedClaim(
        Guid Id, string Statement, ClaimStatus Status, DateTimeOffset FirstReportedAt, IReadOnlyList<ChainRole> Roles,
        IReadOnlyList<Polarity> Assertions);

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, Response?>
    {
        public async ValueTask<Response?> Handle(Query query, CancellationToken ct)
        {
            var rows = db.SourceRows();
            rows = Guid.TryParse(query.IdOrSlug, out var id)
                ? rows.Where(r => r.Source.Id == id)
                : rows.Where(r => r.Source.Slug == query.IdOrSlug);
            var source = await rows.Select(SourceRow.ToResponse).SingleOrDefaultAsync(ct);
            if (source is null) return null;

            // source_claims (SourceClaim) holds what the source said; walking the claims by (first_reported_at, id),
            // the index's own order in either direction, finds a busy source's most recent claims in a few hundred rows.
            var carried = db.Claims.AsNoTracking().Where(c => db.SourceClaims.Any(s => s.SourceId == source.Id && s.ClaimId == c.Id));
            var claims = await carried
                .OrderByDescending(c => c.FirstReportedAt).ThenByDescending(c => c.Id)
                .Take(ClaimLimit)
                .Select(c => new CarriedClaim(
                    c.Id, c.Statement, c.Status, c.FirstReportedAt,
                    c.Reports.SelectMany(r => r.Chain).Where(l => l.SourceId == source.Id).Select(l => l.Role).Distinct().ToList(),
                    db.Assertions.Where(a => a.ClaimId == c.Id && a.SourceId == source.Id).Select(a => a.Polarity).Distinct().ToList()))
                .ToListAsync(ct);
            // Counted from the index alone: a merged claim has no rows there, so no claim needs reading.
            var count = await db.SourceClaims.CountAsync(s => s.SourceId == source.Id, ct);
            return new Response(source, count, claims);
        }
    }
}
