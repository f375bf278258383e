using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Scoring;

public static class ListRuns
{
    public static void Map(IEndpointRouteBuilder runs) =>
        runs.MapGet("", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListScoringRuns")
            .RequireRole(Role.Reader)
            .WithSummary("List re-scoring runs, newest first")
            .WithDescription("Each run's trigger, status, stage, progress and summary; filter by status. Newest requested first; pageSize (at most 100) and pageToken (the previous answer's nextPageToken, with the same status), or page for small offsets only (page × pageSize at most 10000); total exact up to 10000, else 10000 with totalIsEstimate true.");

    public sealed record Query(
        [property: FromQuery(Name = "status")] string? Status,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken)
        : IQuery<PagedList<RunResponse>>, IKeysetPaged;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => s is null || SnakeCase.TryParse<RunStatus>(s, out _))
                .WithMessage($"'status' is one of {SnakeCase.Names<RunStatus>()}.");
            this.AddKeysetPagingRules((_, t) => TimeIdPosition.Read(t));
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, ScoringQueue queue) : IQueryHandler<Query, PagedList<RunResponse>>
    {
        public async ValueTask<PagedList<RunResponse>> Handle(Query query, CancellationToken ct)
        {
            await queue.RecoverAsync(ct);
            var runs = db.ScoringRuns.AsNoTracking();
            if (query.Status is not null)
            {
                var status = SnakeCase.Parse<RunStatus>(query.Status);
                runs = runs.Where(r => r.Status == status);
            }
            var count = await runs.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, TimeIdPosition.Read) is { } after)
                runs = runs.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.RequestedAt, r.Id), ValueTuple.Create(after.At, after.Id)));
            var items = await runs.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).PageOf(query)
                .Select(RunResponse.FromRun).ToListAsync(ct);
            return items.ToPagedList(query, count, last => PageToken.For(query, last.RequestedAt, last.Id));
        }
    }
}
