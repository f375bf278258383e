using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Scoring;

// How likely a claim is true, and which sources pushed which way. Claims whose outcome is known (resolved, or
// decided by conclusive evidence) are not estimated: their basis is 'known_outcome'.
public static class GetClaimTruth
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapGet("/{id:guid}/truth", async Task<Results<Ok<Response>, ProblemHttpResult>> (
                Guid id, [FromQuery(Name = "asOf")] string? asOf, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(id, asOf), ct), "claim", id))
            .WithName("GetClaimTruth")
            .RequireRole(Role.Reader)
            .WithSummary("Get how likely a claim is true, with the sources that pushed each way")
            .WithDescription("Estimated for claims whose outcome is not known; a resolved or conclusively evidenced claim answers basis 'known_outcome'.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public enum Basis { Estimate, KnownOutcome, NotScored }

    public sealed record Query(Guid ClaimId, string? AsOf) : IQuery<Response?>;

    public sealed record Response(
        Guid ClaimId, string Statement, ClaimStatus Status, RunLink Run, Basis Basis, double? Probability,
        double? AffirmWeight, double? DenyWeight, IReadOnlyList<Push> Explanation);

    // Push: the log-odds this source's vote added (positive toward true); CountedWithOthers: counted once with the
    // other votes that share its origin or copy group.
    public sealed record Push(SourceLink Source, string Polarity, double Weight, double Reliability, double LogOdds, bool CountedWithOthers);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddAsOfRule(q => q.AsOf);
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, Response?>
    {
        public async ValueTask<Response?> Handle(Query query, CancellationToken ct)
        {
            var claim = await db.Claims.AsNoTracking().Where(c => c.Id == query.ClaimId)
                .Select(c => new { c.Id, c.Statement, c.Status }).SingleOrDefaultAsync(ct);
            if (claim is null) return null;
            var run = await db.RunAsOfAsync(query.AsOf, ct) ?? throw ScoringQueries.NoRun(query.AsOf);

            var estimate = await db.ClaimEstimates.AsNoTracking().SingleOrDefaultAsync(e => e.RunId == run.Id && e.ClaimId == claim.Id, ct);
            if (estimate is null)
            {
                var known = Claim.OutcomeOf(claim.Status) != ClaimTracker.Scoring.Outcome.Unknown;
                return new Response(claim.Id, claim.Statement, claim.Status, run, known ? Basis.KnownOutcome : Basis.NotScored, null, null, null, []);
            }

            var ids = estimate.PushSources.Distinct().ToList();
            var sources = await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id))
                .ToDictionaryAsync(s => s.Id, s => new SourceLink(s.Id, s.Slug, s.Name), ct);
            var pushes = Enumerable.Range(0, estimate.PushSources.Count)
                .Where(i => sources.ContainsKey(estimate.PushSources[i]))
                .Select(i => new Push(sources[estimate.PushSources[i]], estimate.PushAffirms[i] ? "affirms" : "denies", estimate.PushWeights[i],
                    estimate.PushReliabilities[i], estimate.PushLogOdds[i], estimate.PushShared[i]))
                .ToList();
            return new Response(claim.Id, claim.Statement, claim.Status, run, Basis.Estimate, estimate.Probability, estimate.AffirmWeight,
                estimate.DenyWeight, pushes);
        }
    }
}
