using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Imports;

public static class GetImport
{
    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapGet("/{id:guid}", async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Query(id), ct), "import", id))
            .WithName("GetImport")
            .RequireRole(Role.Reader)
            .WithSummary("Get an import with its progress, counts and line errors")
            .WithDescription($"Status receiving (linesRead grows every {ImportProgress.WriteEvery} lines while the file streams in), loading, then succeeded or failed. Lists the first {LineErrors.MaxKept} line errors; linesRejected counts them all.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid Id) : IQuery<ImportResponse?>;

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, ImportResponse?>
    {
        public async ValueTask<ImportResponse?> Handle(Query query, CancellationToken ct) =>
            await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Id, ct) is { } import ? ImportResponse.From(import) : null;
    }
}
