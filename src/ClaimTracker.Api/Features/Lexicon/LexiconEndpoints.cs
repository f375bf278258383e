using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Lexicon;

public static class LexiconEndpoints
{
    public static void MapLexicon(this IEndpointRouteBuilder app)
    {
        var lexicon = app.MapGroup("/lexicon").WithTags("Lexicon").ProducesCommonProblems();

        lexicon.MapGet("/", async ([AsParameters] GetLexiconParameters p, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLexicon.Query(p.Category, p.Scale, p.Phrase, p.Language, p.IncludeRetired), ct)))
            .WithName("GetLexicon")
            .WithSummary("Read the hedge lexicon")
            .WithDescription("The current lexicon version and every active term of one language (default en) with its probability, range, polarity, category and scale (ICD 203, Kent 1964, PHIA, reader perceptions, ClaimTracker's priors for evidentials). 'preferred' marks the row a matching quote takes its probability from; 'includeRetired=true' lists retired terms too.");
    }

    public sealed record GetLexiconParameters(
        [property: FromQuery(Name = "category")] string? Category,
        [property: FromQuery(Name = "scale")] string? Scale,
        [property: FromQuery(Name = "phrase")] string? Phrase,
        [property: FromQuery(Name = "language")] string? Language,
        [property: FromQuery(Name = "includeRetired")] bool? IncludeRetired);
}
