using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.ClaimReviews;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.ClaimReviews;

// Adds a label to the crosswalk, or changes the outcome of the one already there for that label, language and
// publisher. The next import maps through it; reviews imported before keep the verdict they were given.
public static class PutCrosswalkEntry
{
    public static void Map(IEndpointRouteBuilder claimReviews) =>
        claimReviews.MapPut("/crosswalk", async Task<Results<Created<CrosswalkEntryResponse>, Ok<CrosswalkEntryResponse>>> (Command command, ISender sender, CancellationToken ct) =>
            {
                var (entry, created) = await sender.Send(command, ct);
                return Answers.CreatedOrOk(created, entry, $"/claimreviews/crosswalk?label={Uri.EscapeDataString(entry.Label)}");
            })
            .WithName("PutRatingCrosswalkEntry")
            .RequireRole(Role.Editor)
            .WithSummary("Add a label to the rating crosswalk, or change what one means")
            .WithDescription("""
                'label' (as fact-checkers write it), 'outcome' (true, mostly_true, mixed, false, unresolvable, not_a_verdict, superseded), and optionally 'language' (BCP 47; null: any language) and 'publisher' (a site such as politifact.com; null: any publisher). An entry is one label (compared without case, diacritics, punctuation or spacing) in one language for one publisher: sending it again changes its outcome (200); a new one is 201. The next import maps through it; reviews already imported keep their verdict.
                """)
            .WithRequestExample(new Command("Sem fundamento", VerdictOutcome.Unresolvable, "pt"))
            .ProducesWriteProblems();

    public sealed record Command(string Label, VerdictOutcome? Outcome, string? Language = null, string? Publisher = null)
        : ICommand<(CrosswalkEntryResponse Entry, bool Created)>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Label).NotEmpty().MaximumLength(RatingCrosswalkEntry.MaxLabelLength)
                .Must(l => RatingLabel.Normalize(l).Length > 0).WithMessage("'label' is a rating as fact-checkers write it, with at least one letter or digit.");
            RuleFor(c => c.Outcome).NotNull().WithMessage($"'outcome' is one of {SnakeCase.Names<VerdictOutcome>()}.");
            RuleFor(c => c.Language).Must(l => l is null || LanguageTags.IsValid(l)).WithMessage($"'language' is {LanguageTags.Rule}.");
            RuleFor(c => c.Publisher).MaximumLength(253)
                .Must(p => p is null || Uri.CheckHostName(p.Trim()) == UriHostNameType.Dns).WithMessage("'publisher' is a site's host name, such as politifact.com.");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, (CrosswalkEntryResponse, bool)>
    {
        public async ValueTask<(CrosswalkEntryResponse, bool)> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var entry = RatingCrosswalkEntry.Create(command.Label, command.Outcome!.Value, command.Language, command.Publisher, now);
            var stored = await db.RatingCrosswalk.FirstOrDefaultAsync(
                e => e.Publisher == entry.Publisher && e.Language == entry.Language && e.LabelKey == entry.LabelKey, ct);
            if (stored is null) db.RatingCrosswalk.Add(entry);
            else stored.Change(command.Label, command.Outcome!.Value, now);
            await db.SaveChangesAsync(ct);
            return (CrosswalkEntryResponse.From(stored ?? entry), stored is null);
        }
    }
}
