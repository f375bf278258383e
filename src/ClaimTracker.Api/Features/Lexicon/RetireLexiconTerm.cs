using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

// A retired term no longer matches new reports. It stays in the table, so that the reports and lexicon
// versions that name it can still be read.
public static class RetireLexiconTerm
{
    public const int MaxReasonLength = 1000;

    public static void Map(IEndpointRouteBuilder lexicon) =>
        lexicon.MapPost("/terms/{id:guid}/retire", async Task<Results<Ok<LexiconTermResponse>, ProblemHttpResult>> (Guid id, Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Command(id, body.Reason, request.ExpectedVersion(body.Version)), ct), "lexicon term", id))
            .WithName("RetireLexiconTerm")
            .RequireRole(Role.Admin)
            .WithETag()
            .AcceptsIfMatch()
            .WithSummary("Retire a lexicon term (administrative)")
            .WithDescription($"A retired term never matches new reports; it stays readable, with the reports and versions that name it. Send the 'version' you read; retiring twice gets 409. {LexiconVersion.ChangeNote}")
            .WithRequestExample(new Body("'suggest' read 'Experts suggest that Putin is seeking artillery shells' as the experts' evidence; their opinion is an attribution, not a hedge.", 1))
            .ProducesWriteProblems();

    public sealed record Body(string Reason, int? Version);

    public sealed record Command(Guid Id, string Reason, int? Version) : ICommand<LexiconTermResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(MaxReasonLength)
                .WithMessage($"Say why, in at most {MaxReasonLength} characters: the lexicon version's summary keeps it.");
            this.AddVersionRule(c => c.Version, "lexicon term");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, LexiconTermResponse?>
    {
        public async ValueTask<LexiconTermResponse?> Handle(Command command, CancellationToken ct)
        {
            var version = await db.LockAndAllocateAsync(ct);
            var term = await db.LexiconTerms.FirstOrDefaultAsync(t => t.Id == command.Id, ct);
            if (term is null) return null;
            if (!term.IsRetired) Versions.Expect(term.Version, command.Version!.Value, "lexicon term");

            var before = term.State();
            term.Retire(version);
            db.LexiconVersions.Add(LexiconVersion.Record(version, $"Retired {term.Describe()}: {command.Reason.Trim()}",
                [LexiconChange.Retired(term, before)], clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return await db.ReadTermAsync(term.Id, ct);
        }
    }
}
