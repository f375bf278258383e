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
        runs.MapGet("", async ([FromQuery(Name = "status")] string? status, [FromQuery(Name = "page")] int? page,
                [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(status, page, pageSize), ct)))
            .WithName("ListScoringRuns")
            .RequireRole(Role.Reader)
            .WithSummary("List re-scoring runs, newest first");

    public sealed record Query(string? Status, int? Page, int? PageSize) : IQuery<PagedList<RunResponse>>, IPaged;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => s is null || SnakeCase.TryParse<RunStatus>(s, out _))
                .WithMessage($"'status' is one of {SnakeCase.Names<RunStatus>()}.");
            this.AddPagingRules();
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
            var total = await runs.CountAsync(ct);
            var items = await runs.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
                .Skip(query.Skip()).Take(query.Size()).Select(RunResponse.FromRun).ToListAsync(ct);
            return new PagedList<RunResponse>(items, query.PageNumber(), query.Size(), total);
        }
    }
}
