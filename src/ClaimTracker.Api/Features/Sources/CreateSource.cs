using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

public static class CreateSource
{
    public static void Map(IEndpointRouteBuilder sources) =>
        sources.MapPost("/", async (Command command, ISender sender, CancellationToken ct) =>
            {
                var source = await sender.Send(command, ct);
                return TypedResults.Created($"/sources/{source.Slug}", source);
            })
            .WithName("CreateSource")
            .RequireRole(Role.Admin)
            .WithETag()
            .AcceptsIdempotencyKey()
            .WithSummary("Create a source")
            .WithDescription($"The slug is derived from the name (and scope) unless given. An anonymous source ('an unidentified official') needs 'scope': the slug of the outlet that relayed it. 'aliases' (at most {Source.MaxAliases}) are other names the source goes by in the news, such as 'Washington' for the US government; they are trimmed and kept once whatever their case. 'memberOf' is the slug of the source this one speaks for (KCNA for North Korea): evidence from it is interested on claims about that source.")
            .WithRequestExample(new Command("Unidentified official", SourceKind.Anonymous, Scope: "yonhap"))
            .ProducesWriteProblems();

    public sealed record Command(
        string Name,
        SourceKind? Kind,
        string? Slug = null,
        string? Homepage = null,
        string? Country = null,
        string? Scope = null,
        IReadOnlyList<string>? Aliases = null,
        string? MemberOf = null) : ICommand<SourceResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty();
            RuleFor(c => c.Kind).NotNull().WithMessage($"'kind' is one of {SnakeCase.Names<SourceKind>()}.");
            RuleFor(c => c.Slug).Must(Slugs.IsValid).When(c => c.Slug is not null).WithMessage($"A slug is {Slugs.Rule}.");
            Include(new SourceFieldsValidator<Command>(c => c.Name, c => c.Kind, c => c.Homepage, c => c.Country, c => c.Aliases, c => c.Scope));
            RuleFor(c => c.MemberOf).Must(Slugs.IsValid).When(c => c.MemberOf is not null).WithMessage($"'memberOf' is the slug of an existing source ({Slugs.Rule}).");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, SourceResolver sources) : ICommandHandler<Command, SourceResponse>
    {
        public async ValueTask<SourceResponse> Handle(Command command, CancellationToken ct)
        {
            var group = await db.ResolveMemberOfAsync(null, command.MemberOf, ct);
            var source = await sources.CreateAsync(command.Name, command.Kind!.Value, command.Slug, command.Homepage, command.Country,
                command.Aliases, command.Scope, reuseExisting: false, field: "", ct);
            if (group is not null)
            {
                source.JoinAs(group, source.CreatedAt);
                await db.SaveChangesAsync(ct);
            }
            return await db.SourceRows().Where(r => r.Source.Id == source.Id).Select(SourceRow.ToResponse).SingleAsync(ct);
        }
    }
}
