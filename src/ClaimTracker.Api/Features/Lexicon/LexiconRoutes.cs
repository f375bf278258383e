using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Lexicon;

// The lexicon's route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class LexiconRoutes
{
    public static void MapLexicon(this IEndpointRouteBuilder app)
    {
        var lexicon = app.MapGroup("/lexicon").WithTags("Lexicon").ProducesCommonProblems();
        GetLexicon.Map(lexicon);
        GetLexiconTerm.Map(lexicon);
        AddLexiconTerm.Map(lexicon);
        UpdateLexiconTerm.Map(lexicon);
        RetireLexiconTerm.Map(lexicon);
        ListLexiconVersions.Map(lexicon);
        GetLexiconVersion.Map(lexicon);
    }
}
