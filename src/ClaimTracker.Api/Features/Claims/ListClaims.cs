using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Scoring;
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
            .WithDescription("Filter by status (comma-separated, any of), source (id or slug, in any role of any report), topic (comma-separated, all of), text in the statement (q), first-reported date range (from, to), question (its key) and truth estimate (minProbability, maxProbability: 0 to 1, inclusive; claims without an estimate never match them); sort by firstReportedAt (default -firstReportedAt), updatedAt, statement or probability (claims without an estimate last either way); page and pageSize (at most 100). Each item carries its truth estimate from the current scoring run ('probability', null when the run did not estimate it: resolved or conclusively evidenced claims, claims recorded since, or no run yet).");

    // status and topic take comma-separated lists: a claim matches any of the statuses and all of the topics.
    public sealed record Query(
        [property: FromQuery(Name = "status")] string? Status,
        [property: FromQuery(Name = "source")] string? Source,
        [property: FromQuery(Name = "topic")] string? Topic,
        [property: FromQuery(Name = "q")] string? Q,
        [property: FromQuery(Name = "from")] string? From,
        [property: FromQuery(Name = "to")] string? To,
        [property: FromQuery(Name = "question")] string? Question,
        [property: FromQuery(Name = "minProbability")] double? MinProbability,
        [property: FromQuery(Name = "maxProbability")] double? MaxProbability,
        [property: FromQuery(Name = "sort")] string? Sort,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize) : IQuery<PagedList<Item>>, IPaged, IClaimFilter;

    public sealed record Item(
        Guid Id, string Statement, IReadOnlyList<string> Topics, ClaimStatus Status, DateTimeOffset FirstReportedAt,
        DateTimeOffset UpdatedAt, int Version, int ReportCount, int EvidenceCount, string? Question, double? Probability);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.AddClaimFilterRules();
            RuleFor(q => q.Topic).MaximumLength(500);
            RuleFor(q => q.Q).MaximumLength(500);
            RuleFor(q => q.From).Must(d => d is null || Dates.TryParse(d, out _)).WithMessage(Dates.FormatRule);
            RuleFor(q => q.To).Must(d => d is null || Dates.TryParse(d, out _)).WithMessage(Dates.FormatRule);
            RuleFor(q => q).Must(q => Parse(q.From) <= Parse(q.To)).When(q => Parse(q.From) is not null && Parse(q.To) is not null)
                .OverridePropertyName("to").WithMessage("'to' must not be before 'from'.");
            this.AddSortRule(q => q.Sort, "firstReportedAt", "updatedAt", "statement", "probability");
            this.AddPagingRules();
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var claims = db.Claims.AsNoTracking();
            foreach (var topic in ClaimFilters.Split(query.Topic).Select(t => t.ToLowerInvariant()))
                claims = claims.Where(c => c.Topics.Contains(topic));
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var pattern = Like.Contains(query.Q);
                claims = claims.Where(c => EF.Functions.ILike(c.Statement, pattern, Like.Escape));
            }
            if (Parse(query.From) is { } from) claims = claims.Where(c => c.FirstReportedAt >= from.ToUniversalTime());
            if (Parse(query.To) is { } to) claims = claims.Where(c => c.FirstReportedAt <= to.ToUniversalTime());

            // The current run's estimates, joined: one query for the page, however many claims it holds.
            var runId = (await db.RunAsOfAsync(null, ct))?.Id;
            var rows = await claims.ApplyAsync(db, query, runId, ct);

            rows = query.Sort switch
            {
                "firstReportedAt" => rows.OrderBy(r => r.Claim.FirstReportedAt).ThenBy(r => r.Claim.Id),
                "updatedAt" => rows.OrderBy(r => r.Claim.UpdatedAt).ThenBy(r => r.Claim.Id),
                "-updatedAt" => rows.OrderByDescending(r => r.Claim.UpdatedAt).ThenBy(r => r.Claim.Id),
                "statement" => rows.OrderBy(r => r.Claim.Statement).ThenBy(r => r.Claim.Id),
                "-statement" => rows.OrderByDescending(r => r.Claim.Statement).ThenBy(r => r.Claim.Id),
                "probability" => rows.OrderBy(r => r.Probability == null).ThenBy(r => r.Probability).ThenBy(r => r.Claim.Id),
                "-probability" => rows.OrderBy(r => r.Probability == null).ThenByDescending(r => r.Probability).ThenBy(r => r.Claim.Id),
                _ => rows.OrderByDescending(r => r.Claim.FirstReportedAt).ThenBy(r => r.Claim.Id),
            };
            var total = await rows.CountAsync(ct);
            var items = await rows.Skip(query.Skip()).Take(query.Size())
                .Select(r => new Item(r.Claim.Id, r.Claim.Statement, r.Claim.Topics, r.Claim.Status, r.Claim.FirstReportedAt, r.Claim.UpdatedAt,
                    r.Claim.Version, r.Claim.Reports.Count, r.Claim.Evidence.Count, r.Claim.Question == null ? null : r.Claim.Question.Key,
                    r.Probability))
                .ToListAsync(ct);
            return new PagedList<Item>(items, query.PageNumber(), query.Size(), total);
        }
    }

    private static DateTimeOffset? Parse(string? date) => Dates.TryParse(date, out var value) ? value : null;
}
