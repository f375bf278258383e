using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Lexicon;

public static class LexiconEndpoints
{
    public static void MapLexicon(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lexicon", async (
                    [FromQuery(Name = "category")] string? category,
                    [FromQuery(Name = "scale")] string? scale,
                    [FromQuery(Name = "phrase")] string? phrase,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLexicon.Query(category, scale, phrase), ct)))
            .WithTags("Lexicon")
            .WithName("GetLexicon")
            .WithSummary("Read the hedge lexicon")
            .WithDescription("Every term with its probability, range, polarity, category and scale (ICD 203, Kent 1964, PHIA, reader perceptions, ClaimTracker's priors for evidentials). 'preferred' marks the row a matching quote takes its probability from.")
            .ProducesCommonProblems();
    }
}
