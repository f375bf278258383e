using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

public static class ListSources
{
    public static void Map(IEndpointRouteBuilder sources) =>
        sources.MapGet("/", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListSources")
            .RequireRole(Role.Reader)
            .WithSummary("List sources with their track records")
            .WithDescription("Filter by kind and by part of the name or slug; sort by name (the id breaking ties in the same direction) or accuracy (prefix '-' for descending; sources without one last, then by name and id). pageSize (default 25, at most 100) and pageToken (the previous answer's nextPageToken, with the same other parameters; a token of another query is a 400 naming pageToken), or page for small offsets only (page × pageSize at most 10000). total counts matches up to 10000; when more match, total is 10000 and totalIsEstimate is true.");

    public sealed record Query(
        [property: FromQuery(Name = "kind")] string? Kind,
        [property: FromQuery(Name = "name")] string? Name,
        [property: FromQuery(Name = "sort")] string? Sort,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken) : IQuery<PagedList<SourceResponse>>, IKeysetPaged;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Kind).Must(k => k is null || SnakeCase.TryParse<SourceKind>(k, out _))
                .WithMessage($"'kind' is one of {SnakeCase.Names<SourceKind>()}.");
            RuleFor(q => q.Name).MaximumLength(200);
            this.AddSortRule(q => q.Sort, "name", "accuracy");
            this.AddKeysetPagingRules((q, t) => Position.Read(t, q.Sort));
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<SourceResponse>>
    {
        public async ValueTask<PagedList<SourceResponse>> Handle(Query query, CancellationToken ct)
        {
            var rows = db.SourceRows();
            if (query.Kind is not null)
            {
                var kind = SnakeCase.Parse<SourceKind>(query.Kind);
                rows = rows.Where(r => r.Source.Kind == kind);
            }
            if (!string.IsNullOrWhiteSpace(query.Name))
            {
                var pattern = Like.Contains(query.Name);
                rows = rows.Where(r => EF.Functions.ILike(r.Source.Name, pattern, Like.Escape) || EF.Functions.ILike(r.Source.Slug, pattern, Like.Escape));
            }

            var count = await rows.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, t => Position.Read(t, query.Sort)) is { } after)
                rows = After(rows, after);
            var items = await Order(rows, query.Sort).PageOf(query).Select(SourceRow.ToResponse).ToListAsync(ct);
            return items.ToPagedList(query, count, last => query.Sort?.TrimStart('-') == "accuracy"
                ? PageToken.For(query, last.TrackRecord.Accuracy, last.Name, last.Id)
                : PageToken.For(query, last.Name, last.Id));
        }
    }

    // Where the previous page ended: the accuracy (null for a source with no scored claim) when sorting by it, name and id.
    public sealed record Position(string? Sort, double? Accuracy, string Name, Guid Id)
    {
        public static Position Read(PageToken token, string? sort) => sort?.TrimStart('-') == "accuracy"
            ? new(sort, token.Number(0), token.Text(1), token.Id(2))
            : new(sort, null, token.Text(0), token.Id(1));
    }

    // By name, the id breaks ties in the same direction, so the (name, id) index serves both. By accuracy, sources with no
    // scored claim sort last either way, then by name and id ascending.
    private static IQueryable<SourceRow> Order(IQueryable<SourceRow> rows, string? sort) => sort switch
    {
        "-name" => rows.OrderByDescending(r => r.Source.Name).ThenByDescending(r => r.Source.Id),
        "accuracy" => rows.OrderBy(r => r.Track.Accuracy == null).ThenBy(r => r.Track.Accuracy).ThenBy(r => r.Source.Name).ThenBy(r => r.Source.Id),
        "-accuracy" => rows.OrderBy(r => r.Track.Accuracy == null).ThenByDescending(r => r.Track.Accuracy).ThenBy(r => r.Source.Name).ThenBy(r => r.Source.Id),
        _ => rows.OrderBy(r => r.Source.Name).ThenBy(r => r.Source.Id),
    };

    private static IQueryable<SourceRow> After(IQueryable<SourceRow> rows, Position after)
    {
        var (name, id) = (after.Name, after.Id);
        if (after.Sort == "-name")
            return rows.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.Source.Name, r.Source.Id), ValueTuple.Create(name, id)));
        if (after.Sort?.TrimStart('-') != "accuracy")
            return rows.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.Source.Name, r.Source.Id), ValueTuple.Create(name, id)));
        if (after.Accuracy is not { } accuracy)
            return rows.Where(r => r.Track.Accuracy == null
                && EF.Functions.GreaterThan(ValueTuple.Create(r.Source.Name, r.Source.Id), ValueTuple.Create(name, id)));
        return after.Sort == "accuracy"
            ? rows.Where(r => r.Track.Accuracy == null || r.Track.Accuracy > accuracy
                || (r.Track.Accuracy == accuracy && EF.Functions.GreaterThan(ValueTuple.Create(r.Source.Name, r.Source.Id), ValueTuple.Create(name, id))))
            : rows.Where(r => r.Track.Accuracy == null || r.Track.Accuracy < accuracy
                || (r.Track.Accuracy == accuracy && EF.Functions.GreaterThan(ValueTuple.Create(r.Source.Name, r.Source.Id), ValueTuple.Create(name, id))));
    }
}
