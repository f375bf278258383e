using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

public static class GetSimilarClaims
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapGet("/{id:guid}/similar", async Task<Results<Ok<FindSimilarClaims.Response>, RedirectHttpResult, ProblemHttpResult>> (
                Guid id, [FromQuery] int? limit, ISender sender, CancellationToken ct) =>
            {
                var answer = await sender.Send(new Query(id, limit), ct);
                if (answer is null) return Problems.NotFound("claim", id);
                if (answer.MergedInto is { } target) return MergeClaim.Redirect($"/claims/{target}/similar{(limit is { } l ? $"?limit={l}" : "")}");
                return TypedResults.Ok(answer.Similar!);
            })
            .WithName("GetSimilarClaims")
            .RequireRole(Role.Reader)
            .WithSummary("Find stored claims that say what this claim says")
            .WithDescription($"""
                The candidates POST /claims/similar answers for the claim's statement in the claim's language, the claim itself left out.
                `limit` defaults to {FindSimilarClaims.DefaultLimit}, at most {ClaimSimilarity.MaxLimit}. A merged claim answers 308 to the claim it was merged into.
                """)
            .Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid Id, int? Limit) : IQuery<Answer?>;

    public sealed record Answer(Guid? MergedInto, FindSimilarClaims.Response? Similar);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Limit).InclusiveBetween(1, ClaimSimilarity.MaxLimit).When(q => q.Limit is not null)
                .WithMessage($"'limit' is from 1 to {ClaimSimilarity.MaxLimit}.");
    }

    public sealed class Handler(ClaimTrackerDbContext db, ClaimSimilarity similarity) : IQueryHandler<Query, Answer?>
    {
        public async ValueTask<Answer?> Handle(Query query, CancellationToken ct)
        {
            var claim = await db.Claims.AsNoTracking().Where(c => c.Id == query.Id)
                .Select(c => new { c.Statement, c.MergedIntoId, Language = db.Set<ClaimSearchDocument>().Where(d => d.ClaimId == c.Id).Select(d => d.Language).FirstOrDefault() })
                .SingleOrDefaultAsync(ct);
            if (claim is null) return null;
            if (claim.MergedIntoId is { } target) return new Answer(target, null);
            var found = await similarity.FindAsync(claim.Statement, claim.Language, query.Limit ?? FindSimilarClaims.DefaultLimit, query.Id, ct);
            return new Answer(null, new FindSimilarClaims.Response(found));
        }
    }
}
