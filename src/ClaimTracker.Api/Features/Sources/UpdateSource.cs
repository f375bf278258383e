using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

// Replaces a source's descriptive fields. Its slug and scope are its identity and do not change.
public static class UpdateSource
{
    // By id or slug, as GET /sources/{idOrSlug}: a script that reads /sources/yonhap writes back to the same address.
    public static void Map(IEndpointRouteBuilder sources) =>
        sources.MapPut("/{idOrSlug}", async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> (string idOrSlug, Body body, HttpRequest request, ISender sender, CancellationToken ct) =>
                Answers.OkOrNotFound(await sender.Send(new Command(idOrSlug, body.Name, body.Kind, request.ExpectedVersion(body.Version), body.Homepage, body.Country, body.Aliases, body.MemberOf), ct), "source", idOrSlug))
            .WithName("UpdateSource")
            .RequireRole(Role.Admin)
            .WithETag()
            .AcceptsIfMatch()
            .WithSummary("Update a source's name, kind, homepage, country and aliases")
            .WithDescription("By id or slug (e.g. 'yonhap'). Send the 'version' you read; a stale version gets 409. Slug and scope do not change. Homepage, country, aliases and memberOf are replaced: leaving one out clears it. 'memberOf' (the slug of the source this one speaks for) cannot form a cycle (400). Changing it changes which evidence is interested on claims about that source: every unresolved claim with evidence from this source or its members has its status worked out again, with the reason in its history.")
            .WithRequestExample(new Body("Yonhap News Agency", SourceKind.WireAgency, 1, "https://en.yna.co.kr", "KR", ["Yonhap", "Yonhap news agency"]))
            .ProducesWriteProblems();

    // Like homepage and country, aliases are replaced: leaving them out clears them.
    public sealed record Body(
        string Name, SourceKind? Kind, int? Version, string? Homepage = null, string? Country = null, IReadOnlyList<string>? Aliases = null,
        string? MemberOf = null);

    public sealed record Command(
        string IdOrSlug, string Name, SourceKind? Kind, int? Version, string? Homepage, string? Country, IReadOnlyList<string>? Aliases = null,
        string? MemberOf = null)
        : ICommand<SourceResponse?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty();
            RuleFor(c => c.Kind).NotNull().WithMessage($"'kind' is one of {SnakeCase.Names<SourceKind>()}.");
            this.AddVersionRule(c => c.Version, "source");
            Include(new SourceFieldsValidator<Command>(c => c.Name, c => c.Kind, c => c.Homepage, c => c.Country, c => c.Aliases));
            RuleFor(c => c.MemberOf).Must(Slugs.IsValid).When(c => c.MemberOf is not null).WithMessage($"'memberOf' is the slug of an existing source ({Slugs.Rule}).");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : ICommandHandler<Command, SourceResponse?>
    {
        public async ValueTask<SourceResponse?> Handle(Command command, CancellationToken ct)
        {
            var source = await (Guid.TryParse(command.IdOrSlug, out var id)
                ? db.Sources.Where(s => s.Id == id)
                : db.Sources.Where(s => s.Slug == command.IdOrSlug)).FirstOrDefaultAsync(ct);
            if (source is null) return null;
            Versions.Expect(source.Version, command.Version!.Value, "source");

            var group = await db.ResolveMemberOfAsync(source.Id, command.MemberOf, ct);
            var joined = group?.Id != source.MemberOfId;
            var now = clock.GetUtcNow();
            source.JoinAs(group, now);
            source.Update(command.Name, command.Kind!.Value, command.Homepage, command.Country, command.Aliases, now);
            await db.SaveChangesAsync(ct);
            if (joined)
            {
                var reason = group is null
                    ? $"'{source.Slug}' no longer speaks for another source (memberOf), which changes which evidence is interested."
                    : $"'{source.Slug}' now speaks for '{group.Slug}' (memberOf), which changes which evidence is interested.";
                await db.ReworkClaimsAfterMembershipChangeAsync(source.Id, reason, now, ct);
                await db.SaveChangesAsync(ct);
                // Track records take a transaction's changes at commit; the answer shows them now.
                await db.Database.ExecuteSqlRawAsync("SET CONSTRAINTS track_records_apply_pending IMMEDIATE", ct);
            }
            return await db.SourceRows().Where(r => r.Source.Id == source.Id).Select(SourceRow.ToResponse).SingleAsync(ct);
        }
    }
}
