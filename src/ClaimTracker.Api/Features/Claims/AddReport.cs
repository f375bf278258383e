using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Claims;

public static class AddReport
{
    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/{id:guid}/reports", async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> (Guid id, ReportInput report, ISender sender, CancellationToken ct) =>
                Answers.CreatedOrNotFound(await sender.Send(new Command(id, report), ct), $"/claims/{id}", "claim", id))
            .WithName("AddReport")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIdempotencyKey()
            .WithSummary("Add another appearance of the claim")
            .WithRequestExample(SampleStory.C1Report)
            .ProducesWriteProblems();

    public sealed record Command(Guid ClaimId, ReportInput Report) : ICommand<ClaimResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Report).NotNull().SetValidator(new ReportInput.Validator()).OverridePropertyName("");
    }

    public sealed class Handler(ClaimTrackerDbContext db, ReportFactory reports, TimeProvider clock)
        : ICommandHandler<Command, ClaimResponse?>
    {
        public async ValueTask<ClaimResponse?> Handle(Command command, CancellationToken ct)
        {
            var claim = await db.LockClaimAsync(command.ClaimId, ct);
            if (claim is null) return null;
            claim.AddReport(await reports.CreateAsync(command.Report, "", ct), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return await db.ReadClaimAsync(claim.Id, ct);
        }
    }
}
