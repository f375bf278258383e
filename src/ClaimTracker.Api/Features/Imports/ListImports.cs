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
        imports.MapGet("/", async ([FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(page, pageSize), ct)))
            .WithName("ListImports")
            .RequireRole(Role.Reader)
            .WithSummary("List imports, newest first")
            .WithDescription("Each import's status and counts, without its line errors.");

    public sealed record Query(int? Page, int? PageSize) : IQuery<PagedList<Item>>, IPaged;

    // An import without its line errors, which GET /imports/{id} lists.
    public sealed record Item(
        Guid Id, ImportFormat Format, ErrorPolicy ErrorPolicy, string? FileName, ImportStatus Status, long LinesRead, long LinesLoaded,
        long LinesRejected, int NewSources, int NewQuestions, int NewClaims, string? Error, DateTimeOffset CreatedAt,
        DateTimeOffset? FinishedAt, long? DurationMs);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddPagingRules();
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var imports = db.Imports.AsNoTracking();
            var items = await imports.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
                .Skip(query.Skip()).Take(query.Size())
                .Select(i => new Item(i.Id, i.Format, i.ErrorPolicy, i.FileName, i.Status, i.LinesRead, i.LinesLoaded, i.LinesRejected,
                    i.NewSources, i.NewQuestions, i.NewClaims, i.Error, i.CreatedAt, i.FinishedAt, i.DurationMs))
                .ToListAsync(ct);
            return new PagedList<Item>(items, query.PageNumber(), query.Size(), await imports.CountAsync(ct));
        }
    }
}
