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
                string idOrSlug, [FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize,
                [FromQuery(Name = "pageToken")] string? pageToken, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(idOrSlug, page, pageSize, pageToken), ct), "source", idOrSlug))
            .WithName("GetReliabilityHistory")
            .RequireRole(Role.Reader)
            .WithSummary("Get a source's reliability in every run, newest first")
            .WithDescription("The source's reliability (mean, interval, effective samples, band) in each succeeded run that scored it, newest finished first. history.pageSize (at most 100) and pageToken (the previous answer's history.nextPageToken, with the same id or slug), or page for small offsets only (page × pageSize at most 10000); total exact up to 10000, else 10000 with totalIsEstimate true.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    // The id or slug is part of the query a token is bound to: a token read by slug is refused by id.
    public sealed record Query(string IdOrSlug, int? Page, int? PageSize, string? PageToken) : IQuery<Response?>, IKeysetPaged;

    // Where the previous page ended, newest first: its run's finish time and id.
    public sealed record Position(DateTimeOffset FinishedAt, Guid RunId)
    {
        public static Position Read(PageToken token) => new(token.Time(0), token.Id(1));
    }

    public sealed record Response(SourceLink Source, PagedList<Point> History);

    public sealed record Point(Guid RunId, DateTimeOffset? FinishedAt, double Mean, double Lower, double Upper, double EffectiveSamples, Band Band);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddKeysetPagingRules((_, t) => Position.Read(t));
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, Response?>
    {
        public async ValueTask<Response?> Handle(Query query, CancellationToken ct)
        {
            var source = await db.Sources.AsNoTracking().ByIdOrSlug(query.IdOrSlug)
                .Select(s => new SourceLink(s.Id, s.Slug, s.Name)).SingleOrDefaultAsync(ct);
            if (source is null) return null;
            // A succeeded run always has a finish time, so the tuple comparison never meets a null.
            var scored = from score in db.SourceScores.AsNoTracking()
                         join run in db.ScoringRuns.AsNoTracking() on score.RunId equals run.Id
                         where score.SourceId == source.Id && run.Status == RunStatus.Succeeded
                         select new { score, run };
            var count = await scored.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, Position.Read) is { } after)
                scored = scored.Where(s => EF.Functions.LessThan(
                    ValueTuple.Create(s.run.FinishedAt!.Value, s.run.Id), ValueTuple.Create(after.FinishedAt, after.RunId)));
            var items = await scored.OrderByDescending(s => s.run.FinishedAt).ThenByDescending(s => s.run.Id).PageOf(query)
                .Select(s => new Point(s.run.Id, s.run.FinishedAt, s.score.Mean, s.score.Lower, s.score.Upper, s.score.EffectiveSamples, s.score.Band))
                .ToListAsync(ct);
            return new Response(source, items.ToPagedList(query, count, last => PageToken.For(query, last.FinishedAt, last.RunId)));
        }
    }
}
