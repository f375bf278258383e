using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

// A retired term no longer matches new reports. It stays in the table, so that the reports and lexicon
// versions that name it can still be read.
public static class RetireLexiconTerm
{
    public const int MaxReasonLength = 1000;

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
