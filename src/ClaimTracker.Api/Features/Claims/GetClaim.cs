using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Claims;

public static class GetClaim
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapGet("/{id:guid}", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(id), ct), "claim", id))
            .WithName("GetClaim")
            .RequireRole(Role.Reader)
            .WithETag()
            .WithSummary("Get a claim with its reports, evidence and status history")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid Id) : IQuery<ClaimResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Query query, CancellationToken ct) => await db.ReadClaimAsync(query.Id, ct);
    }
}
