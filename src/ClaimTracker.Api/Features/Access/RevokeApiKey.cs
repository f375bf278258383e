using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Access;

// A revoked key is refused from the next request on; the key stays listed, with who revoked it and when.
public static class RevokeApiKey
{
    public static void Map(IEndpointRouteBuilder keys) =>
        keys.MapPost("/{id:guid}/revoke", async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> (Guid id, ISender sender, ApiKeyCache cache, CancellationToken ct) =>
            {
                var revoked = await sender.Send(new Command(id), ct);
                // Committed: gone from this instance's cache before the answer, whatever the notification's timing.
                cache.Evict(id);
                return Answers.OkOrNotFound(revoked, "API key", id);
            })
            .WithName("RevokeApiKey")
            .RequireRole(Role.Admin)
            .WithSummary("Revoke an API key (administrative)")
            .WithDescription("Refused from the next request on; revoking twice gets 409.")
            .ProducesWriteProblems();

    public sealed record Command(Guid Id) : ICommand<ApiKeyResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db, Caller caller, TimeProvider clock) : ICommandHandler<Command, ApiKeyResponse?>
    {
        public async ValueTask<ApiKeyResponse?> Handle(Command command, CancellationToken ct)
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, ct);
            if (key is null) return null;
            key.Revoke(caller.Current.Id, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return ApiKeyResponse.Of(key);
        }
    }
}
