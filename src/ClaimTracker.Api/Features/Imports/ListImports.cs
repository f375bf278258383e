using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Imports;

public static class ListImports
{
    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapGet("/", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListImports")
            .RequireRole(Role.Reader)
            .WithSummary("List imports, newest first")
            .WithDescription("Each import's status and counts, without its line errors. Newest first; pageSize (at most 100) and pageToken (the previous answer's nextPageToken), or page for small offsets only (page × pageSize at most 10000); total exact up to 10000, else 10000 with totalIsEstimate true.");

    public sealed record Query(
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken)
        : IQuery<PagedList<Item>>, IKeysetPaged;

    // An import without its line errors, which GET /imports/{id} lists.
    public sealed record Item(
        Guid Id, ImportFormat Format, ErrorPolicy ErrorPolicy, string? FileName, ImportStatus Status, long LinesRead, long LinesLoaded,
        long LinesRejected, int NewSources, int NewQuestions, int NewClaims, string? Error, DateTimeOffset CreatedAt,
        DateTimeOffset? FinishedAt, long? DurationMs);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddKeysetPagingRules((_, t) => TimeIdPosition.Read(t));
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var imports = db.Imports.AsNoTracking();
            var count = await imports.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, TimeIdPosition.Read) is { } after)
                imports = imports.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.CreatedAt, i.Id), ValueTuple.Create(after.At, after.Id)));
            var items = await imports.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).PageOf(query)
                .Select(i => new Item(i.Id, i.Format, i.ErrorPolicy, i.FileName, i.Status, i.LinesRead, i.LinesLoaded, i.LinesRejected,
                    i.NewSources, i.NewQuestions, i.NewClaims, i.Error, i.CreatedAt, i.FinishedAt, i.DurationMs))
                .ToListAsync(ct);
            return items.ToPagedList(query, count, last => PageToken.For(query, last.CreatedAt, last.Id));
        }
    }
}
