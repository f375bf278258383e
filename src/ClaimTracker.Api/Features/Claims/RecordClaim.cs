using FluentValidation;
using Mediator;
using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Claims;

public static class RecordClaim
{
    public const int MaxTopics = 20;

    public sealed record Command(string Statement, IReadOnlyList<string>? Topics, ReportInput Report) : ICommand<ClaimResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Statement).NotEmpty().MaximumLength(Claim.MaxStatementLength);
            RuleFor(c => c.Topics).Must(t => t is null || t.Count <= MaxTopics).WithMessage($"At most {MaxTopics} topics.");
            RuleForEach(c => c.Topics).NotEmpty().MaximumLength(50).Matches("^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*$")
                .WithMessage("A topic is a short tag of letters, digits, spaces, '-' or '_'.");
            RuleFor(c => c.Report).NotNull().SetValidator(new ReportInput.Validator());
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, ReportFactory reports, TimeProvider clock)
        : ICommandHandler<Command, ClaimResponse>
    {
        public async ValueTask<ClaimResponse> Handle(Command command, CancellationToken ct)
        {
            var report = await reports.CreateAsync(command.Report, "report", ct);
            var claim = Claim.Record(command.Statement, command.Topics ?? [], report, clock.GetUtcNow());
            db.Claims.Add(claim);
            await db.SaveChangesAsync(ct);
            return (await db.ReadClaimAsync(claim.Id, ct))!;
        }
    }
}
