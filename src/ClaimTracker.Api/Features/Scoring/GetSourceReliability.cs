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

// A source's reliability in the current run, or as of a date: the Beta posterior with its 95% credible interval,
// the scores of its stated confidences, its calibration table and its band.
public static class GetSourceReliability
{
    public static void Map(IEndpointRouteBuilder sources) =>
        sources.MapGet("/{idOrSlug}/reliability", async Task<Results<Ok<Response>, ProblemHttpResult>> (
                string idOrSlug, [FromQuery(Name = "asOf")] string? asOf, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(idOrSlug, asOf), ct), "source", idOrSlug))
            .WithName("GetSourceReliability")
            .RequireRole(Role.Reader)
            .WithSummary("Get a source's reliability: mean and 95% interval, band, Brier and log scores, calibration")
            .WithDescription("From the current run, or with asOf (ISO 8601 with offset) from the last run that had succeeded by then. 404 when the source is unknown or no run had finished.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(string IdOrSlug, string? AsOf) : IQuery<Response?>;

    public sealed record Response(
        SourceLink Source, RunLink Run, double Mean, double Lower, double Upper, double Alpha, double Beta,
        double EffectiveSamples, double? Brier, double? LogScore, int ScoredReports, Band Band, IReadOnlyList<CalibrationItem> Calibration);

    public sealed record CalibrationItem(string Kind, string Key, double Stated, double Observed, int Count);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddAsOfRule(q => q.AsOf);
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, Response?>
    {
        public async ValueTask<Response?> Handle(Query query, CancellationToken ct)
        {
            var source = await db.Sources.AsNoTracking().ByIdOrSlug(query.IdOrSlug)
                .Select(s => new SourceLink(s.Id, s.Slug, s.Name)).SingleOrDefaultAsync(ct);
            if (source is null) return null;
            var run = await db.RunAsOfAsync(query.AsOf, ct) ?? throw ScoringQueries.NoRun(query.AsOf);
            var score = await db.SourceScores.AsNoTracking().SingleOrDefaultAsync(s => s.RunId == run.Id && s.SourceId == source.Id, ct)
                ?? throw new MissingReferenceException("asOf", $"'{source.Slug}' was created after run {run.Id}; the next run scores it.");
            return new Response(source, run, score.Mean, score.Lower, score.Upper, score.Alpha, score.Beta, score.EffectiveSamples,
                score.Brier, score.LogScore, score.ScoredReports, score.Band,
                score.Calibration.Select(c => new CalibrationItem(c.Kind, c.Key, c.Stated, c.Observed, c.Count)).ToList());
        }
    }
}
