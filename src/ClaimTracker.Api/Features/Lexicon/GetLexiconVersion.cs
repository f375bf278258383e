using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class GetLexiconVersion
{
    public static void Map(IEndpointRouteBuilder lexicon) =>
        lexicon.MapGet("/versions/{version:int}", async Task<Results<Ok<Response>, ProblemHttpResult>> (int version, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(version), ct), "lexicon version", version))
            .WithName("GetLexiconVersion")
            .RequireRole(Role.Reader)
            .WithSummary("Get a lexicon version with its changes")
            .WithDescription("Each change names its term and action (added, changed, retired) with the term before and after it ('before' is null for an added term, 'after' for a retired one).")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(int Version) : IQuery<Response?>;

    public sealed record Response(int Version, DateTimeOffset CreatedAt, string Summary, IReadOnlyList<Change> Changes);

    // Before is null for an added term, After for a retired one.
    public sealed record Change(
        Guid Id, Guid TermId, string Phrase, string Scale, string Language, LexiconAction Action, TermState? Before, TermState? After,
        DateTimeOffset ChangedAt);

    public sealed record TermState(
        string Phrase, string Language, string Scale, IReadOnlyList<string> Variants, double Probability, double Low, double High,
        CuePolarity Polarity, CueCategory Category, string? Note, bool Inflect, bool LowercaseOnly);

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, Response?>
    {
        public async ValueTask<Response?> Handle(Query query, CancellationToken ct)
        {
            var version = await db.LexiconVersions.AsNoTracking().Where(v => v.Version == query.Version)
                .Select(v => new { v.Version, v.CreatedAt, v.Summary }).SingleOrDefaultAsync(ct);
            if (version is null) return null;

            var changes = await (
                    from change in db.LexiconChanges.AsNoTracking()
                    join term in db.LexiconTerms on change.TermId equals term.Id
                    where change.LexiconVersion == query.Version
                    orderby term.Phrase, term.Scale, change.Id
                    select new { change, term.Phrase, term.Scale, term.Language })
                .ToListAsync(ct);
            return new Response(version.Version, version.CreatedAt, version.Summary, changes.Select(c => new Change(
                c.change.Id, c.change.TermId, c.Phrase, c.Scale, c.Language, c.change.Action, State(c.change.Before), State(c.change.After),
                c.change.ChangedAt)).ToList());
        }

        private static TermState? State(LexiconTermState? state) => state is null ? null : new TermState(
            state.Phrase, state.Language, state.Scale, state.Variants, state.Probability, state.Low, state.High, state.Polarity,
            state.Category, state.Note, state.Inflect, state.LowercaseOnly);
    }
}
