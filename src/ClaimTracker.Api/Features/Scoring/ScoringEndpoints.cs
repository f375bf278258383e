using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Scoring;

public static class ScoringEndpoints
{
    public static void MapScoring(this IEndpointRouteBuilder app)
    {
        var scoring = app.MapGroup("").WithTags("Scoring").ProducesCommonProblems().RequireRole(Role.Reader);

        scoring.MapPost("/scoring/runs", async (ISender sender, CancellationToken ct) =>
            {
                var run = await sender.Send(new StartRun.Command(), ct);
                return TypedResults.Accepted($"/scoring/runs/{run.Id}", run);
            })
            .WithName("StartScoringRun")
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Admin)
            .WithSummary("Start a re-scoring run")
            .WithDescription("Queues a run and answers 202 at once; follow its progress at the Location. One run executes at a time across every instance on the database; a run queued meanwhile waits its turn. The run's results replace the current ones only when it succeeds.");

        scoring.MapGet("/scoring/runs", async ([FromQuery(Name = "status")] string? status, [FromQuery(Name = "page")] int? page,
                [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListRuns.Query(status, page, pageSize), ct)))
            .WithName("ListScoringRuns")
            .WithSummary("List re-scoring runs, newest first");

        scoring.MapGet("/scoring/runs/{id:guid}", async Task<Results<Ok<RunResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetRun.Query(id), ct) is { } run ? TypedResults.Ok(run) : Problems.NotFound("scoring run", id))
            .WithName("GetScoringRun")
            .WithSummary("Get a run: status, stage and progress (done/total), parameters, summary, duration and error")
            .ProducesProblem(StatusCodes.Status404NotFound);

        scoring.MapGet("/sources/{idOrSlug}/reliability", async Task<Results<Ok<GetSourceReliability.Response>, ProblemHttpResult>> (
                string idOrSlug, [FromQuery(Name = "asOf")] string? asOf, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetSourceReliability.Query(idOrSlug, asOf), ct) is { } reliability
                    ? TypedResults.Ok(reliability) : Problems.NotFound("source", idOrSlug))
            .WithName("GetSourceReliability")
            .WithSummary("Get a source's reliability: mean and 95% interval, band, Brier and log scores, calibration")
            .WithDescription("From the current run, or with asOf (ISO 8601 with offset) from the last run that had succeeded by then. 404 when the source is unknown or no run had finished.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        scoring.MapGet("/sources/{idOrSlug}/reliability/history", async Task<Results<Ok<GetReliabilityHistory.Response>, ProblemHttpResult>> (
                string idOrSlug, [FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetReliabilityHistory.Query(idOrSlug, page, pageSize), ct) is { } history
                    ? TypedResults.Ok(history) : Problems.NotFound("source", idOrSlug))
            .WithName("GetReliabilityHistory")
            .WithSummary("Get a source's reliability in every run, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);

        scoring.MapGet("/claims/{id:guid}/truth", async Task<Results<Ok<GetClaimTruth.Response>, ProblemHttpResult>> (
                Guid id, [FromQuery(Name = "asOf")] string? asOf, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetClaimTruth.Query(id, asOf), ct) is { } truth ? TypedResults.Ok(truth) : Problems.NotFound("claim", id))
            .WithName("GetClaimTruth")
            .WithSummary("Get how likely a claim is true, with the sources that pushed each way")
            .WithDescription("Estimated for claims whose outcome is not known; a resolved or conclusively evidenced claim answers basis 'known_outcome'.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
