using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Analysis;

public static class AnalysisEndpoints
{
    public static void MapAnalysis(this IEndpointRouteBuilder app)
    {
        app.MapPost("/analysis", async Task<Results<Ok<AnalysisResponse>, ProblemHttpResult>> (
                HttpRequest request,
                [FromQuery(Name = "language")] string? language,
                [FromQuery(Name = "publisher")] string? publisher,
                [FromQuery(Name = "syndicatedFrom")] string? syndicatedFrom,
                ISender sender, CancellationToken ct) =>
            {
                AnalyseText.Query query;
                if (request.HasJsonContentType())
                {
                    var body = await request.ReadFromJsonAsync<AnalyseText.Body>(ct)
                        ?? throw new BadHttpRequestException("This operation needs a JSON object in the request body.");
                    query = new AnalyseText.Query(body.Text, body.Language ?? language, body.Publisher ?? publisher, body.SyndicatedFrom ?? syndicatedFrom);
                }
                else if (request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
                {
                    using var reader = new StreamReader(request.Body);
                    query = new AnalyseText.Query(await reader.ReadToEndAsync(ct), language, publisher, syndicatedFrom);
                }
                else
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                        detail: "Send the text as text/plain, or as JSON {\"text\": ...} with Content-Type: application/json.");
                }
                return TypedResults.Ok(await sender.Send(query, ct));
            })
            .WithTags("Analysis")
            .WithName("AnalyseText")
            .RequireRole(Role.Reader)
            .WithSummary("Read text for hedged claims, their cue words, probabilities and attribution chains")
            .WithDescription($"Writes nothing. Send JSON {{text, language, publisher, syndicatedFrom}} or the bare text as text/plain (then language, publisher and syndicatedFrom are query parameters). At most {AnalyseText.MaxTextLength} characters; only languages with a lexicon (en) are read. Each sentence is split into claim-sized clauses with their kind (hedged_claim, plain_assertion, background), cues with spans, chain from origin to publisher and stated probability.")
            .Accepts<AnalyseText.Body>("application/json", "text/plain")
            .WithRequestExample(SampleStory.AnalysisExample)
            .ProducesCommonProblems()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        var articles = app.MapGroup("/articles").WithTags("Analysis").ProducesCommonProblems().RequireRole(Role.Reader);

        articles.MapPost("/proposals", async Task<Results<Created<ArticleProposals>, Ok<ArticleProposals>>> (CreateArticle.Command article, ISender sender, CancellationToken ct) =>
            {
                var submitted = await sender.Send(new SubmitArticle.Command(article), ct);
                return submitted.Created
                    ? TypedResults.Created($"/articles/{submitted.Result.Article.Id}", submitted.Result)
                    : TypedResults.Ok(submitted.Result);
            })
            .WithName("SubmitArticle")
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Editor)
            .WithSummary("Store an article with its body and get the claims it seems to make")
            .WithDescription("Stores the article like POST /articles (idempotent by URL) and reads the body sent. Each proposal names its sentence, cues, stated probability and chain (each link matched to a stored source by name, slug or alias, or marked as new), and carries 'claim': the body of POST /claims that records it. Edit it if needed and POST it to accept the proposal.")
            .WithRequestExample(SampleStory.NdtvArticleWithBody)
            .ProducesWriteProblems();

        articles.MapGet("/{id:guid}/proposals", async Task<Results<Ok<ArticleProposals>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new ProposeClaims.Query(id), ct) is { } result ? TypedResults.Ok(result) : Problems.NotFound("article", id))
            .WithName("ProposeClaims")
            .WithSummary("Get the claims a stored article's body seems to make")
            .WithDescription("Writes nothing; 409 when the article was stored without a body.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
