using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class GetLexiconTerm
{
    public static void Map(IEndpointRouteBuilder lexicon) =>
        lexicon.MapGet("/terms/{id:guid}", async Task<Results<Ok<LexiconTermResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(id), ct), "lexicon term", id))
            .WithName("GetLexiconTerm")
            .RequireRole(Role.Reader)
            .WithETag()
            .WithSummary("Get a lexicon term")
            .WithDescription("Active or retired, with its row version and the lexicon versions that added, last changed and retired it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid Id) : IQuery<LexiconTermResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, LexiconTermResponse?>
    {
        public async ValueTask<LexiconTermResponse?> Handle(Query query, CancellationToken ct) =>
            await db.LexiconTerms.AsNoTracking().Where(t => t.Id == query.Id).Select(LexiconTermResponse.From).SingleOrDefaultAsync(ct);
    }
}
