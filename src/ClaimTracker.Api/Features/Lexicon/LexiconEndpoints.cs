using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Lexicon;

public static class LexiconEndpoints
{
    private const string Versioned =
        "Each change creates one new lexicon version with its change rows; reports recorded from then on carry that version, older reports keep theirs.";

    public static void MapLexicon(this IEndpointRouteBuilder app)
    {
        var lexicon = app.MapGroup("/lexicon").WithTags("Lexicon").ProducesCommonProblems().RequireRole(Role.Reader);

        lexicon.MapGet("/", async ([AsParameters] GetLexiconParameters p, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLexicon.Query(p.Category, p.Scale, p.Phrase, p.Language, p.IncludeRetired), ct)))
            .WithName("GetLexicon")
            .WithSummary("Read the hedge lexicon")
            .WithDescription("The current lexicon version and every active term of one language (default en) with its probability, range, polarity, category and scale (ICD 203, Kent 1964, PHIA, reader perceptions, ClaimTracker's priors for evidentials). 'preferred' marks the row a matching quote takes its probability from; 'includeRetired=true' lists retired terms too.");

        lexicon.MapGet("/terms/{id:guid}", async Task<Results<Ok<LexiconTermResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetLexiconTerm.Query(id), ct) is { } term ? TypedResults.Ok(term) : Problems.NotFound("lexicon term", id))
            .WithName("GetLexiconTerm")
            .WithETag()
            .WithSummary("Get a lexicon term")
            .WithDescription("Active or retired, with its row version and the lexicon versions that added, last changed and retired it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        lexicon.MapPost("/terms", async (AddLexiconTerm.Command command, ISender sender, CancellationToken ct) =>
            {
                var term = await sender.Send(command, ct);
                return TypedResults.Created($"/lexicon/terms/{term.Id}", term);
            })
            .WithName("AddLexiconTerm")
            .WithETag()
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Admin)
            .WithSummary("Add a term to the lexicon (administrative)")
            .WithDescription($"Language (default en), scale and phrase are the term's identity; an active term with the same three gets 409. 'inflect' makes a verb phrase match its -s, -ed and -ing forms; 'lowercaseOnly' skips it when capitalised inside a sentence or before a number ('May 5'). {Versioned}")
            .WithRequestExample(new AddLexiconTerm.Command("hint", "claimtracker", 0.6, 0.45, 0.75, CuePolarity.Positive, CueCategory.Evidential,
                "en", Note: "'reportedly hinted at physical fatigue' (NDTV/AFP, 11 Sep 2023): a signal, not a statement.", Inflect: true))
            .ProducesWriteProblems();

        lexicon.MapPut("/terms/{id:guid}", async Task<Results<Ok<LexiconTermResponse>, ProblemHttpResult>> (Guid id, UpdateLexiconTerm.Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                await sender.Send(new UpdateLexiconTerm.Command(id, body with { Version = request.ExpectedVersion(body.Version) }), ct) is { } term ? TypedResults.Ok(term) : Problems.NotFound("lexicon term", id))
            .WithName("UpdateLexiconTerm")
            .WithETag()
            .AcceptsIfMatch()
            .RequireRole(Role.Admin)
            .WithSummary("Change a lexicon term (administrative)")
            .WithDescription($"Replaces every editable field: probability, low, high, polarity, category, variants, note, inflect, lowercaseOnly (leaving an optional one out clears it). Language, scale and phrase cannot change: add a new term and retire this one instead. Send the 'version' you read; a stale version gets 409, a retired term 409. {Versioned} A body that changes nothing creates no version.")
            .WithRequestExample(new UpdateLexiconTerm.Body(0.6, 0.55, 0.85, CuePolarity.Positive, CueCategory.Evidential, 1,
                ["appear", "appeared", "appearing", "apparently"], "The reporter saw signs, not proof."))
            .ProducesWriteProblems();

        lexicon.MapPost("/terms/{id:guid}/retire", async Task<Results<Ok<LexiconTermResponse>, ProblemHttpResult>> (Guid id, RetireLexiconTerm.Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                await sender.Send(new RetireLexiconTerm.Command(id, body.Reason, request.ExpectedVersion(body.Version)), ct) is { } term ? TypedResults.Ok(term) : Problems.NotFound("lexicon term", id))
            .WithName("RetireLexiconTerm")
            .WithETag()
            .AcceptsIfMatch()
            .RequireRole(Role.Admin)
            .WithSummary("Retire a lexicon term (administrative)")
            .WithDescription($"A retired term never matches new reports; it stays readable, with the reports and versions that name it. Send the 'version' you read; retiring twice gets 409. {Versioned}")
            .WithRequestExample(new RetireLexiconTerm.Body("'suggest' read 'Experts suggest that Putin is seeking artillery shells' as the experts' evidence; their opinion is an attribution, not a hedge.", 1))
            .ProducesWriteProblems();

        lexicon.MapGet("/versions", async ([FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListLexiconVersions.Query(page, pageSize), ct)))
            .WithName("ListLexiconVersions")
            .WithSummary("List lexicon versions, newest first")
            .WithDescription("Each version's summary and how many terms it changed. A report's 'lexiconVersion' names the version that read its quote.");

        lexicon.MapGet("/versions/{version:int}", async Task<Results<Ok<GetLexiconVersion.Response>, ProblemHttpResult>> (int version, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetLexiconVersion.Query(version), ct) is { } found ? TypedResults.Ok(found) : Problems.NotFound("lexicon version", version))
            .WithName("GetLexiconVersion")
            .WithSummary("Get a lexicon version with its changes")
            .WithDescription("Each change names its term and action (added, changed, retired) with the term before and after it ('before' is null for an added term, 'after' for a retired one).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record GetLexiconParameters(
        [property: FromQuery(Name = "category")] string? Category,
        [property: FromQuery(Name = "scale")] string? Scale,
        [property: FromQuery(Name = "phrase")] string? Phrase,
        [property: FromQuery(Name = "language")] string? Language,
        [property: FromQuery(Name = "includeRetired")] bool? IncludeRetired);
}
