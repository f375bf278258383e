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
            .WithDescription("Each version's summary and how many terms it changed. A report's 'lexiconVersion' names the version that read its quote.");

    public sealed record Query(
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize) : IQuery<PagedList<Item>>, IPaged;

    public sealed record Item(int Version, DateTimeOffset CreatedAt, string Summary, int ChangeCount);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddPagingRules();
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var versions = db.LexiconVersions.AsNoTracking();
            var items = await versions.OrderByDescending(v => v.Version)
                .Skip(query.Skip()).Take(query.Size())
                .Select(v => new Item(v.Version, v.CreatedAt, v.Summary, v.Changes.Count))
                .ToListAsync(ct);
            return new PagedList<Item>(items, query.PageNumber(), query.Size(), await versions.CountAsync(ct));
        }
    }
}
