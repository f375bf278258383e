using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Claims;

public static class ClaimEndpoints
{
    public static void MapClaims(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/claims").WithTags("Claims").ProducesCommonProblems().RequireRole(Role.Reader);

        claims.MapGet("/", async ([AsParameters] ListClaimsParameters p, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListClaims.Query(p.Status, p.Source, p.Topic, p.Q, p.From, p.To, p.Sort, p.Page, p.PageSize), ct)))
            .WithName("ListClaims")
            .WithSummary("Search claims")
            .WithDescription("Filter by status (comma-separated, any of), source (id or slug, in any role of any report), topic (comma-separated, all of), text in the statement (q) and first-reported date range (from, to); sort by firstReportedAt (default -firstReportedAt), updatedAt or statement; page and pageSize (at most 100).");

        claims.MapPost("/", async (RecordClaim.Command command, ISender sender, CancellationToken ct) =>
            {
                var claim = await sender.Send(command, ct);
                return TypedResults.Created($"/claims/{claim.Id}", claim);
            })
            .WithName("RecordClaim")
            .WithETag()
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Editor)
            .WithSummary("Record a hedged claim with its first report")
            .WithDescription("The report names its article (by id, by URL, or inline), the attribution chain from origin to publisher (the article's syndication source and publisher are added when missing), and its hedge words. Without 'statedConfidence', the hedge words found in the quote and given in 'hedgeWords' set it through the lexicon; each report lists the cues and the rule used.")
            .WithRequestExample(SampleStory.C5)
            .ProducesWriteProblems();

        claims.MapGet("/{id:guid}", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                Found(await sender.Send(new GetClaim.Query(id), ct), id))
            .WithName("GetClaim")
            .WithETag()
            .WithSummary("Get a claim with its reports, evidence and status history")
            .ProducesProblem(StatusCodes.Status404NotFound);

        claims.MapPost("/{id:guid}/reports", async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> (Guid id, ReportInput report, ISender sender, CancellationToken ct) =>
                Added(await sender.Send(new AddReport.Command(id, report), ct), id))
            .WithName("AddReport")
            .WithETag()
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Editor)
            .WithSummary("Add another appearance of the claim")
            .WithRequestExample(SampleStory.C1Report)
            .ProducesWriteProblems();

        claims.MapPost("/{id:guid}/evidence", async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> (Guid id, AddEvidence.Body evidence, ISender sender, CancellationToken ct) =>
                Added(await sender.Send(new AddEvidence.Command(id, evidence), ct), id))
            .WithName("AddEvidence")
            .WithETag()
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Editor)
            .WithSummary("Record later reporting that confirms, contradicts or partly confirms the claim")
            .WithDescription("Only conclusive evidence moves the status: all of one stance gives confirmed, contradicted or partly_confirmed; mixed stances give disputed. A resolved claim refuses new evidence (409) until reopened.")
            .WithRequestExample(SampleStory.C5Confirmed)
            .ProducesWriteProblems();

        claims.MapPost("/{id:guid}/resolution", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, ResolveClaim.Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Found(await sender.Send(new ResolveClaim.Command(id, body.Resolution, body.Reason, request.ExpectedVersion(body.Version)), ct), id))
            .WithName("ResolveClaim")
            .WithETag()
            .AcceptsIfMatch()
            .RequireRole(Role.Editor)
            .WithSummary("Resolve the claim as true, false, mixed or unresolvable")
            .WithDescription("A fact-checker's resolution overrides the evidence. Send the claim 'version' you read; a stale version gets 409.")
            .WithRequestExample(SampleStory.Resolution)
            .ProducesWriteProblems();

        claims.MapPost("/{id:guid}/reopen", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, ReopenClaim.Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Found(await sender.Send(new ReopenClaim.Command(id, body.Reason, request.ExpectedVersion(body.Version)), ct), id))
            .WithName("ReopenClaim")
            .WithETag()
            .AcceptsIfMatch()
            .RequireRole(Role.Editor)
            .WithSummary("Withdraw a resolution so the status follows the evidence again")
            .WithRequestExample(new ReopenClaim.Body("New reporting questions the verdict.", 4))
            .ProducesWriteProblems();
    }

    private static Results<Ok<ClaimResponse>, ProblemHttpResult> Found(ClaimResponse? claim, Guid id) =>
        claim is null ? Problems.NotFound("claim", id) : TypedResults.Ok(claim);

    private static Results<Created<ClaimResponse>, ProblemHttpResult> Added(ClaimResponse? claim, Guid id) =>
        claim is null ? Problems.NotFound("claim", id) : TypedResults.Created($"/claims/{id}", claim);

    public sealed record ListClaimsParameters(
        [property: FromQuery(Name = "status")] string? Status,
        [property: FromQuery(Name = "source")] string? Source,
        [property: FromQuery(Name = "topic")] string? Topic,
        [property: FromQuery(Name = "q")] string? Q,
        [property: FromQuery(Name = "from")] string? From,
        [property: FromQuery(Name = "to")] string? To,
        [property: FromQuery(Name = "sort")] string? Sort,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize);
}
