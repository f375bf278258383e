using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

public static class ListClaims
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapGet("/", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListClaims")
            .RequireRole(Role.Reader)
            .WithSummary("Search claims")
            .WithDescription("Filter by status (comma-separated, any of), source (id or slug, in any role of any report), topic (comma-separated, all of), text in the statement (q) and first-reported date range (from, to); sort by firstReportedAt (default -firstReportedAt), updatedAt or statement; page and pageSize (at most 100).");

    // status and topic take comma-separated lists: a claim matches any of the statuses and all of the topics.
    public sealed record Query(
        [property: FromQuery(Name = "status")] string? Status,
        [property: FromQuery(Name = "source")] string? Source,
        [property: FromQuery(Name = "topic")] string? Topic,
        [property: FromQuery(Name = "q")] string? Q,
        [property: FromQuery(Name = "from")] string? From,
        [property: FromQuery(Name = "to")] string? To,
        [property: FromQuery(Name = "sort")] string? Sort,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize) : IQuery<PagedList<Item>>, IPaged;

    public sealed record Item(
        Guid Id, string Statement, IReadOnlyList<string> Topics, ClaimStatus Status, DateTimeOffset FirstReportedAt,
        DateTimeOffset UpdatedAt, int Version, int ReportCount, int EvidenceCount);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => s is null || Split(s).All(v => SnakeCase.TryParse<ClaimStatus>(v, out _)))
                .WithMessage($"'status' is one or more (comma-separated) of {SnakeCase.Names<ClaimStatus>()}.");
            RuleFor(q => q.Source).MaximumLength(Sources.Slugs.MaxLength);
            RuleFor(q => q.Topic).MaximumLength(500);
            RuleFor(q => q.Q).MaximumLength(500);
            RuleFor(q => q.From).Must(d => d is null || Dates.TryParse(d, out _)).WithMessage(Dates.FormatRule);
            RuleFor(q => q.To).Must(d => d is null || Dates.TryParse(d, out _)).WithMessage(Dates.FormatRule);
            RuleFor(q => q).Must(q => Parse(q.From) <= Parse(q.To)).When(q => Parse(q.From) is not null && Parse(q.To) is not null)
                .OverridePropertyName("to").WithMessage("'to' must not be before 'from'.");
            this.AddSortRule(q => q.Sort, "firstReportedAt", "updatedAt", "statement");
            this.AddPagingRules();
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var claims = db.Claims.AsNoTracking();
            var statuses = Split(query.Status).Select(SnakeCase.Parse<ClaimStatus>).ToList();
            if (statuses.Count > 0) claims = claims.Where(c => statuses.Contains(c.Status));
            if (!string.IsNullOrWhiteSpace(query.Source))
            {
                var sourceId = Guid.TryParse(query.Source, out var id) ? id
                    : await db.Sources.Where(s => s.Slug == query.Source.Trim()).Select(s => s.Id).FirstOrDefaultAsync(ct);
                claims = claims.Where(c => c.Reports.Any(r => r.Chain.Any(l => l.SourceId == sourceId)));
            }
            foreach (var topic in Split(query.Topic).Select(t => t.ToLowerInvariant()))
                claims = claims.Where(c => c.Topics.Contains(topic));
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var pattern = Like.Contains(query.Q);
                claims = claims.Where(c => EF.Functions.ILike(c.Statement, pattern, Like.Escape));
            }
            if (Parse(query.From) is { } from) claims = claims.Where(c => c.FirstReportedAt >= from.ToUniversalTime());
            if (Parse(query.To) is { } to) claims = claims.Where(c => c.FirstReportedAt <= to.ToUniversalTime());

            claims = query.Sort switch
            {
                "firstReportedAt" => claims.OrderBy(c => c.FirstReportedAt).ThenBy(c => c.Id),
                "updatedAt" => claims.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
                "-updatedAt" => claims.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id),
                "statement" => claims.OrderBy(c => c.Statement).ThenBy(c => c.Id),
                "-statement" => claims.OrderByDescending(c => c.Statement).ThenBy(c => c.Id),
                _ => claims.OrderByDescending(c => c.FirstReportedAt).ThenBy(c => c.Id),
            };
            var total = await claims.CountAsync(ct);
            var items = await claims.Skip(query.Skip()).Take(query.Size())
                .Select(c => new Item(c.Id, c.Statement, c.Topics, c.Status, c.FirstReportedAt, c.UpdatedAt, c.Version,
                    c.Reports.Count, c.Evidence.Count))
                .ToListAsync(ct);
            return new PagedList<Item>(items, query.PageNumber(), query.Size(), total);
        }
    }

    private static DateTimeOffset? Parse(string? date) => Dates.TryParse(date, out var value) ? value : null;

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
