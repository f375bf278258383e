using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class ListLexiconVersions
{
    public static void Map(IEndpointRouteBuilder lexicon) =>
        lexicon.MapGet("/versions", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListLexiconVersions")
            .RequireRole(Role.Reader)
            .WithSummary("List lexicon versions, newest first")
            .WithDescription("Each version's summary and how many terms it changed. A report's 'lexiconVersion' names the version that read its quote. Newest first; pageSize (at most 100) and pageToken (the previous answer's nextPageToken), or page for small offsets only (page × pageSize at most 10000); total exact up to 10000, else 10000 with totalIsEstimate true.");

    public sealed record Query(
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken)
        : IQuery<PagedList<Item>>, IKeysetPaged;

    // Where the previous page ended: its version number, which is unique and so needs no tie-breaker.
    public sealed record Position(long Version)
    {
        public static Position Read(PageToken token) => new(token.Integer(0));
    }

    public sealed record Item(int Version, DateTimeOffset CreatedAt, string Summary, int ChangeCount);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddKeysetPagingRules((_, t) => Position.Read(t));
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var versions = db.LexiconVersions.AsNoTracking();
            var count = await versions.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, Position.Read) is { } after)
                versions = versions.Where(v => v.Version < after.Version);
            var items = await versions.OrderByDescending(v => v.Version).PageOf(query)
                .Select(v => new Item(v.Version, v.CreatedAt, v.Summary, v.Changes.Count))
                .ToListAsync(ct);
            return items.ToPagedList(query, count, last => PageToken.For(query, last.Version));
        }
    }
}
