using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

public static class CreateSource
{
    public sealed record Command(
        string Name,
        SourceKind? Kind,
        string? Slug = null,
        string? Homepage = null,
        string? Country = null,
        string? Scope = null) : ICommand<SourceResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty();
            RuleFor(c => c.Kind).NotNull().WithMessage($"'kind' is one of {SnakeCase.Names<SourceKind>()}.");
            RuleFor(c => c.Slug).Must(Slugs.IsValid).When(c => c.Slug is not null)
                .WithMessage($"A slug is {Slugs.Rule}, at most {Slugs.MaxLength} characters.");
            RuleFor(c => c.Scope).NotEmpty().When(c => c.Kind == SourceKind.Anonymous)
                .WithMessage("An anonymous source needs 'scope': the slug of the outlet that relayed it.");
            RuleFor(c => c.Scope).Must(Slugs.IsValid).When(c => c.Scope is not null)
                .WithMessage($"'scope' is the slug of an existing source ({Slugs.Rule}).");
            Include(new SourceFieldsValidator<Command>(c => c.Name, c => c.Homepage, c => c.Country));
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, SourceResolver sources, TimeProvider clock)
        : ICommandHandler<Command, SourceResponse>
    {
        public async ValueTask<SourceResponse> Handle(Command command, CancellationToken ct)
        {
            var scope = command.Scope is null ? null : await sources.FindAsync(command.Scope, ct)
                ?? throw new MissingReferenceException("scope", $"No source has slug '{command.Scope}'.");
            var slug = command.Slug ?? Slugs.From(command.Name, scope?.Slug);
            if (await db.Sources.AnyAsync(s => s.Slug == slug, ct))
                throw new ConflictException($"A source with slug '{slug}' already exists.");

            var source = Source.Create(slug, command.Name, command.Kind!.Value, command.Homepage, command.Country, scope, clock.GetUtcNow());
            db.Sources.Add(source);
            await db.SaveChangesAsync(ct);
            return await db.SourceRows().Where(r => r.Source.Id == source.Id).Select(SourceRow.ToResponse).SingleAsync(ct);
        }
    }
}
