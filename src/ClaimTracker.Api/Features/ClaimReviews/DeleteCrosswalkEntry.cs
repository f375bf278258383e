using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.ClaimReviews;

// Without its entry a label is unmapped again: the next import keeps such reviews without a verdict and lists the label.
public static class DeleteCrosswalkEntry
{
    public static void Map(IEndpointRouteBuilder claimReviews) =>
        claimReviews.MapDelete("/crosswalk/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new Command(id), ct) ? TypedResults.NoContent() : Problems.NotFound("crosswalk entry", id))
            .WithName("DeleteRatingCrosswalkEntry")
            .RequireRole(Role.Editor)
            .WithSummary("Remove a label from the rating crosswalk")
            .WithDescription("The label is unmapped again (unless a wider entry knows it): the next import stores such reviews without a verdict and lists the label as unmapped. Reviews already imported keep their verdict.")
            .ProducesWriteProblems();

    public sealed record Command(Guid Id) : ICommand<bool>;

    public sealed class Handler(ClaimTrackerDbContext db) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var entry = await db.RatingCrosswalk.FirstOrDefaultAsync(e => e.Id == command.Id, ct);
            if (entry is null) return false;
            db.RatingCrosswalk.Remove(entry);
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
