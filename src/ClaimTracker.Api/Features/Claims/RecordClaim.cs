using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;

namespace ClaimTracker.Api.Features.Claims;

public static class RecordClaim
{
    public const int MaxTopics = 20;

    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/", async (Command command, ISender sender, CancellationToken ct) =>
            {
                var claim = await sender.Send(command, ct);
                return TypedResults.Created($"/claims/{claim.Id}", claim);
            })
            .WithName("RecordClaim")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIdempotencyKey()
            .WithSummary("Record a hedged claim with its first report")
            .WithDescription("The report names its article (by id, by URL, or inline), the attribution chain from origin to publisher (the article's syndication source and publisher are added when missing), and its hedge words. Without 'statedConfidence', the hedge words found in the quote and given in 'hedgeWords' set it through the lexicon; each report lists the cues and the rule used. 'parties' names the sources the claim is about (by id, slug or inline, like a chain's links): evidence from them or their members is interested.")
            .WithRequestExample(SampleStory.C5)
            .ProducesWriteProblems();

    public sealed record Command(string Statement, IReadOnlyList<string>? Topics, ReportInput Report, IReadOnlyList<SourceRef>? Parties = null)
        : ICommand<ClaimResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Statement).NotEmpty().MaximumLength(Claim.MaxStatementLength);
            RuleFor(c => c.Topics).Must(t => t is null || t.Count <= MaxTopics).WithMessage($"At most {MaxTopics} topics.");
            RuleForEach(c => c.Topics).NotEmpty().MaximumLength(50).Matches("^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*$")
                .WithMessage("A topic is a short tag of letters, digits, spaces, '-' or '_'.");
            RuleFor(c => c.Report).NotNull().SetValidator(new ReportInput.Validator());
            RuleFor(c => c.Parties).Must(p => p is null || p.Count <= ClaimParty.MaxPerClaim).WithMessage($"At most {ClaimParty.MaxPerClaim} parties.");
            RuleForEach(c => c.Parties).NotNull().SetValidator(new SourceRef.Validator());
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, ReportFactory reports, SourceResolver sources, TimeProvider clock)
        : ICommandHandler<Command, ClaimResponse>
    {
        public async ValueTask<ClaimResponse> Handle(Command command, CancellationToken ct)
        {
            var parties = await sources.ResolvePartiesAsync(command.Parties, ct);
            var report = await reports.CreateAsync(command.Report, "report", ct);
            var claim = Claim.Record(command.Statement, command.Topics ?? [], report, clock.GetUtcNow(), parties.Select(p => p.Id));
            db.Claims.Add(claim);
            await db.SaveChangesAsync(ct);
            return (await db.ReadClaimAsync(claim.Id, ct))!;
        }
    }
}
