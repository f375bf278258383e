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
            .WithDescription("Filter by kind and by part of the name or slug; sort by name or accuracy (prefix '-' for descending).");

    public sealed record Query(
        [property: FromQuery(Name = "kind")] string? Kind,
        [property: FromQuery(Name = "name")] string? Name,
        [property: FromQuery(Name = "sort")] string? Sort,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize) : IQuery<PagedList<SourceResponse>>, IPaged;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Kind).Must(k => k is null || SnakeCase.TryParse<SourceKind>(k, out _))
                .WithMessage($"'kind' is one of {SnakeCase.Names<SourceKind>()}.");
            RuleFor(q => q.Name).MaximumLength(200);
            this.AddSortRule(q => q.Sort, "name", "accuracy");
            this.AddPagingRules();
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

            // Sources with no scored claim have no accuracy; they sort last either way.
            rows = query.Sort switch
            {
                "-name" => rows.OrderByDescending(r => r.Source.Name).ThenBy(r => r.Source.Id),
                "accuracy" => rows.OrderBy(r => r.Track.Accuracy == null).ThenBy(r => r.Track.Accuracy).ThenBy(r => r.Source.Name).ThenBy(r => r.Source.Id),
                "-accuracy" => rows.OrderBy(r => r.Track.Accuracy == null).ThenByDescending(r => r.Track.Accuracy).ThenBy(r => r.Source.Name).ThenBy(r => r.Source.Id),
                _ => rows.OrderBy(r => r.Source.Name).ThenBy(r => r.Source.Id),
            };
            var total = await rows.CountAsync(ct);
            var items = await rows.Skip(query.Skip()).Take(query.Size()).Select(SourceRow.ToResponse).ToListAsync(ct);
            return new PagedList<SourceResponse>(items, query.PageNumber(), query.Size(), total);
        }
    }
}
