using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Analysis;

// Reads text into sentences, hedge cues, attribution chains and stated probabilities. Writes nothing.
public static class AnalyseText
{
    public const int MaxTextLength = 100_000;

    public static void Map(IEndpointRouteBuilder analysis) =>
        analysis.MapPost("/analysis", async Task<Results<Ok<AnalysisResponse>, ProblemHttpResult>> (
                HttpRequest request,
                [FromQuery(Name = "language")] string? language,
                [FromQuery(Name = "publisher")] string? publisher,
                [FromQuery(Name = "syndicatedFrom")] string? syndicatedFrom,
                ISender sender, CancellationToken ct) =>
            {
                Query query;
                if (request.HasJsonContentType())
                {
                    var body = await request.ReadFromJsonAsync<Body>(ct)
                        ?? throw new BadHttpRequestException("This operation needs a JSON object in the request body.");
                    query = new Query(body.Text, body.Language ?? language, body.Publisher ?? publisher, body.SyndicatedFrom ?? syndicatedFrom);
                }
                else if (request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
                {
                    using var reader = new StreamReader(request.Body);
                    query = new Query(await reader.ReadToEndAsync(ct), language, publisher, syndicatedFrom);
                }
                else
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                        detail: "Send the text as text/plain, or as JSON {\"text\": ...} with Content-Type: application/json.");
                }
                return TypedResults.Ok(await sender.Send(query, ct));
            })
            .WithName("AnalyseText")
            .RequireRole(Role.Reader)
            .WithSummary("Read text for hedged claims, their cue words, probabilities and attribution chains")
            .WithDescription($"Writes nothing. Send JSON {{text, language, publisher, syndicatedFrom}} or the bare text as text/plain (then language, publisher and syndicatedFrom are query parameters). At most {MaxTextLength} characters (UTF-16 code units); only languages with a lexicon (en) are read. Each sentence is split into claim-sized clauses with their kind (hedged_claim, plain_assertion, background), cues with spans, chain from origin to publisher and stated probability. Offsets: every start and length (sentences, clauses, cues, chain mentions) counts UTF-16 code units of the text as sent, as JavaScript string indices and C# or Java string positions do, not code points or bytes. An emoji outside the Basic Multilingual Plane counts 2: in \"🚀 likely\" the cue likely has start 3 and length 6, and text.slice(start, start + length) gives it back in JavaScript. In Python, slice text.encode('utf-16-le') at 2*start and 2*(start + length) and decode it.")
            .Accepts<Body>("application/json", "text/plain")
            .WithRequestExample(SampleStory.AnalysisExample)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public sealed record Body(string Text, string? Language = null, string? Publisher = null, string? SyndicatedFrom = null);

    public sealed record Query(string Text, string? Language, string? Publisher, string? SyndicatedFrom) : IQuery<AnalysisResponse>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' is empty: send the text to analyse.")
                .MaximumLength(MaxTextLength).WithMessage($"'text' is limited to {MaxTextLength} characters; split longer text.");
            RuleFor(q => q.Language).Must(l => l is null || LanguageTags.IsValid(l)).WithMessage($"'language' is {LanguageTags.Rule}.");
            RuleFor(q => q.Publisher).MaximumLength(200);
            RuleFor(q => q.SyndicatedFrom).MaximumLength(200);
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, LexiconCache lexicon, HedgeModel model) : IQueryHandler<Query, AnalysisResponse>
    {
        public async ValueTask<AnalysisResponse> Handle(Query query, CancellationToken ct)
        {
            var snapshot = await lexicon.RequireAsync(db, query.Language, "language", ct);
            var analysis = model.AnalyzerFor(snapshot).Analyze(query.Text, new ArticleContext(query.Publisher, query.SyndicatedFrom));
            return AnalysisResponse.From(analysis, snapshot);
        }
    }
}

public static class LexiconRequirement
{
    // Analysis needs a lexicon in the text's language; without one the answer would be silently empty.
    public static async Task<LexiconSnapshot> RequireAsync(this LexiconCache lexicon, ClaimTrackerDbContext db, string? language, string field, CancellationToken ct) =>
        await lexicon.GetAsync(db, language ?? LanguageTags.Default, ct)
        ?? throw new ValidationException([new ValidationFailure(field, Missing(language))]);

    public static string Missing(string? language) =>
        $"There is no lexicon for language '{language}' yet, so its hedges cannot be read. Analyse English text (en), or add terms in that language first.";
}
