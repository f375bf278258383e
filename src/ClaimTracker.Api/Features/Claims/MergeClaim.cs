using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

// Folds a duplicate into the claim it repeats: everything said about it moves, and its id redirects there.
public static class MergeClaim
{
    // Every table whose rows belong to a claim through a claim_id column and move with a merge; a new table of such rows
    // is one more line here. Its id column (any type) names the moved rows in the audit log.
    public static readonly IReadOnlyList<string> MovedTables = ["reports", "evidence", "assertions", "claim_reviews"];

    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/{id:guid}/merge", async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> (Guid id, Body body, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Command(id, body.Into), ct), "claim", id))
            .WithName("MergeClaim")
            .RequireRole(Role.Editor)
            .WithSummary("Fold a duplicate claim into the claim it repeats")
            .WithDescription("""
                Claim {id} is merged into claim `into`: its reports, evidence, imported assertions, imported ClaimReviews and parties move there; its status
                history moves too, each entry kept and marked "[from merged claim {id}]"; its truth estimates are dropped (the next
                scoring run estimates the target with everything it now holds) and the search rows of both are rebuilt. The target's
                history records the merge and, unless the target is resolved (a resolution stands), its status follows its evidence
                again. Claim {id} stays, marked `mergedIntoId`, with an entry saying where it went: GET /claims/{id} and
                GET /claims/{id}/similar answer 308 to the target, writes to it 409, lists, search and similar-claim candidates leave it
                out, and recording its statement again finds the target (409, or the report is added with "onDuplicate": "add_report").
                Claims merged into {id} earlier now point at the target. Refused with 409: a claim into itself, into or from a merged
                claim, or claims of different questions (they answer different questions; move the claim first). 404 when either is missing.
                The answer is the target claim.
                """)
            .WithRequestExample(new Body(Guid.Parse("0192d1a0-0000-7000-8000-000000000001")))
            .ProducesWriteProblems();

    // A permanent redirect that keeps the method: the merged claim's address now means the target's.
    public static RedirectHttpResult Redirect(string location) => TypedResults.Redirect(location, permanent: true, preserveMethod: true);

    public sealed record Body(Guid Into);

    public sealed record Command(Guid ClaimId, Guid Into) : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Into).NotEmpty().WithMessage("'into' is required: the id of the claim this one repeats.");
    }

    public sealed class Handler(ClaimTrackerDbContext db, AuditTrail trail, TimeProvider clock) : ICommandHandler<Command, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Command command, CancellationToken ct)
        {
            var (from, into) = (command.ClaimId, command.Into);
            if (from == into) throw new ConflictException("A claim cannot be merged into itself.");
            // Both rows locked in id order, so two merges of the same pair (either way round) wait for each other.
            var found = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM claims WHERE id IN ({from}, {into}) ORDER BY id FOR UPDATE
                """).ToListAsync(ct);
            if (!found.Contains(from)) return null;
            if (!found.Contains(into)) throw new MissingReferenceException("into", $"There is no claim '{into}' to merge into.");
            var claims = await db.Claims.AsNoTracking().Where(c => c.Id == from || c.Id == into)
                .Select(c => new { c.Id, c.MergedIntoId, c.QuestionId, c.FirstReportedAt }).ToDictionaryAsync(c => c.Id, ct);
            if (claims[from].MergedIntoId is { } earlier)
                throw new ConflictException($"Claim {from} is already merged into claim {earlier}.");
            if (claims[into].MergedIntoId is { } target)
                throw new ConflictException($"Claim {into} is itself merged into claim {target}: merge into {target} instead.");
            if (claims[from].QuestionId != claims[into].QuestionId)
                throw new ConflictException("The claims belong to different questions, where each is a separate answer: a claim merges only into one of its own question.");

            foreach (var table in MovedTables)
                await MoveAsync(table, $"UPDATE {table} SET claim_id = @into WHERE claim_id = @from RETURNING id::text", from, into, ct);
            await MoveAsync("claim_status_changes", """
                UPDATE claim_status_changes SET claim_id = @into, reason = left('[from merged claim ' || @from || '] ' || reason, 2000)
                WHERE claim_id = @from RETURNING id::text
                """, from, into, ct);
            await MoveAsync("claim_parties", """
                UPDATE claim_parties p SET claim_id = @into WHERE claim_id = @from
                    AND NOT EXISTS (SELECT 1 FROM claim_parties t WHERE t.claim_id = @into AND t.source_id = p.source_id)
                RETURNING id::text
                """, from, into, ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM claim_parties WHERE claim_id = {from}", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM claim_estimates WHERE claim_id = {from}", ct);
            await MoveAsync("claims", "UPDATE claims SET merged_into_id = @into WHERE merged_into_id = @from RETURNING id::text", from, into, ct);

            var now = clock.GetUtcNow();
            var merged = await db.Claims.SingleAsync(c => c.Id == from, ct);
            var survivor = await db.Claims.Include(c => c.Evidence).SingleAsync(c => c.Id == into, ct);
            survivor.Absorb(merged, claims[from].FirstReportedAt,
                await db.InterestedOriginsAsync(survivor.Parties.Select(p => p.SourceId), ct), now);
            merged.MarkMergedInto(into, now);
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(into, ct);
        }

        private async Task MoveAsync(string table, string sql, Guid from, Guid into, CancellationToken ct)
        {
            // The table names come from MovedTables and this file, never from a request; the ids are parameters.
            var statement = "WITH moved AS (" + sql + ") SELECT id AS \"Value\" FROM moved";
            var moved = await db.Database.SqlQueryRaw<string>(statement,
                new Npgsql.NpgsqlParameter("from", from), new Npgsql.NpgsqlParameter("into", into)).ToListAsync(ct);
            foreach (var id in moved) trail.Add(table, id, ChangeKind.Modified);
        }
    }
}
