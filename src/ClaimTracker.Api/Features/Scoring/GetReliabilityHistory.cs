using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Scoring;

// A source's reliability in every run that scored it, newest first.
public static class GetReliabilityHistory
{
    public static void Map(IEndpointRouteBuilder sources) =>
        sources.MapGet("/{idOrSlug}/reliability/history", async Task<Results<Ok<Response>, ProblemHttpResult>> (
                string idOrSlug, [FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(idOrSlug, page, pageSize), ct), "source", idOrSlug))
            .WithName("GetReliabilityHistory")
            .RequireRole(Role.Reader)
            .WithSummary("Get a source's reliability in every run, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(string IdOrSlug, int? Page, int? PageSize) : IQuery<Response?>, IPaged;

    public sealed record Response(SourceLink Source, PagedList<Point> History);

    public sealed record Point(Guid RunId, DateTimeOffset? FinishedAt, double Mean, double Lower, double Upper, double EffectiveSamples, Band Band);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddPagingRules();
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, Response?>
    {
        public async ValueTask<Response?> Handle(Query query, CancellationToken ct)
        {
            var source = await db.Sources.AsNoTracking().ByIdOrSlug(query.IdOrSlug)
                .Select(s => new SourceLink(s.Id, s.Slug, s.Name)).SingleOrDefaultAsync(ct);
            if (source is null) return null;
            var points = from score in db.SourceScores.AsNoTracking()
                         join run in db.ScoringRuns.AsNoTracking() on score.RunId equals run.Id
                         where score.SourceId == source.Id && run.Status == RunStatus.Succeeded
                         orderby run.FinishedAt descending, run.Id descending
                         select new Point(run.Id, run.FinishedAt, score.Mean, score.Lower, score.Upper, score.EffectiveSamples, score.Band);
            var total = await points.CountAsync(ct);
            var items = await points.Skip(query.Skip()).Take(query.Size()).ToListAsync(ct);
            return new Response(source, new PagedList<Point>(items, query.PageNumber(), query.Size(), total));
        }
    }
}
