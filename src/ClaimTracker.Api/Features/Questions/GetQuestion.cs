using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Questions;

// A question's claims ranked by the current scoring run's truth estimates, in one answer: its claims exclude each
// other, so the estimates sum to at most 1 (the sum shows how much the run leaves to none of them).
public static class GetQuestion
{
    public static void Map(IEndpointRouteBuilder questions) =>
        // A catch-all, so a key with '/' ("Dune/author") is reachable written plainly or as %2F (which the server leaves encoded).
        questions.MapGet("/{**key}", async Task<Results<Ok<Response>, ProblemHttpResult>> (string key, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(key.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)), ct), "question", key))
            .WithName("GetQuestion")
            .RequireRole(Role.Reader)
            .WithSummary("Get a question with its claims ranked by truth estimate")
            .WithDescription("""
                The key as given with the claims, percent-encoded in the path; a '/' in a key may be written as is or as %2F. All of the question's claims, ranked by the truth estimate of the current scoring run (highest first; claims without an estimate, such as resolved ones, last). Claims whose estimates are exactly equal share a rank and are marked 'tied'; 'probabilitySum' is the sum of the estimates. Without a finished run, 'run', the estimates and the sum are null.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(string Key) : IQuery<Response?>;

    public sealed record Response(
        string Key, string? Text, DateTimeOffset CreatedAt, RunLink? Run, int ClaimCount, int OpenClaims, double? ProbabilitySum,
        bool HasTies, IReadOnlyList<RankedClaim> Claims);

    // Rank: 1 for the highest estimate; tied claims share the rank of the first of them (1, 1, 3).
    public sealed record RankedClaim(
        int Rank, Guid Id, string Statement, ClaimStatus Status, DateTimeOffset FirstReportedAt, double? Probability, bool Tied);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Key).Must(Claims.Questions.IsValidKey).OverridePropertyName("key")
                .WithMessage($"'key' is {Claims.Questions.KeyRule}.");
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, Response?>
    {
        public async ValueTask<Response?> Handle(Query query, CancellationToken ct)
        {
            var key = query.Key.Trim();
            var question = await db.Questions.AsNoTracking().Where(q => q.Key == key)
                .Select(q => new { q.Id, q.Key, q.Text, q.CreatedAt }).SingleOrDefaultAsync(ct);
            if (question is null) return null;
            var run = await db.RunAsOfAsync(null, ct);
            var runId = run?.Id;

            var claims = await (
                    from c in db.Claims.AsNoTracking().Where(c => c.QuestionId == question.Id)
                    from e in db.ClaimEstimates.Where(e => e.RunId == runId && e.ClaimId == c.Id).DefaultIfEmpty()
                    select new { c.Id, c.Statement, c.Status, c.FirstReportedAt, Probability = (double?)e.Probability })
                .ToListAsync(ct);
            var ranked = claims
                .OrderByDescending(c => c.Probability.HasValue).ThenByDescending(c => c.Probability)
                .ThenBy(c => c.FirstReportedAt).ThenBy(c => c.Id)
                .ToList();
            var counts = ranked.Where(c => c.Probability is not null).CountBy(c => c.Probability!.Value).ToDictionary();
            var items = new List<RankedClaim>(ranked.Count);
            for (var i = 0; i < ranked.Count; i++)
            {
                var c = ranked[i];
                var rank = i > 0 && c.Probability is not null && c.Probability == ranked[i - 1].Probability ? items[i - 1].Rank : i + 1;
                var tied = c.Probability is { } p && counts[p] > 1;
                items.Add(new RankedClaim(rank, c.Id, c.Statement, c.Status, c.FirstReportedAt, c.Probability, tied));
            }
            var estimated = ranked.Where(c => c.Probability is not null).ToList();
            return new Response(question.Key, question.Text, question.CreatedAt, run, ranked.Count,
                ranked.Count(c => !Claim.Resolutions.Contains(c.Status)),
                run is null ? null : estimated.Sum(c => c.Probability!.Value),
                items.Any(c => c.Tied), items);
        }
    }
}
