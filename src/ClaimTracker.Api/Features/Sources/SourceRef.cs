using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

// How a request names a source: by id, by slug, or inline by name and kind (created when new, so a
// fact-checker can record a claim from a source nobody has entered yet). An inline source is found
// again by the slug derived from its name and scope, so naming it twice creates it once.
public sealed record SourceRef(
    Guid? Id = null,
    string? Slug = null,
    string? Name = null,
    SourceKind? Kind = null,
    string? Scope = null,
    string? Homepage = null,
    string? Country = null)
{
    public bool IsInline => Id is null && Kind is not null;

    public sealed class Validator : AbstractValidator<SourceRef>
    {
        public Validator()
        {
            RuleFor(r => r).Must(r => r.Id is not null || r.Slug is not null || r.Name is not null)
                .OverridePropertyName("").WithMessage("Name the source by 'id', by 'slug', or inline by 'name' and 'kind'.");
            RuleFor(r => r.Id).Must(id => id != Guid.Empty).When(r => r.Id is not null).WithMessage("Not a source id.");
            RuleFor(r => r.Slug).Must(Slugs.IsValid).When(r => r.Slug is not null)
                .WithMessage($"A slug is {Slugs.Rule}, at most {Slugs.MaxLength} characters.");
            RuleFor(r => r.Kind).NotNull().When(r => r.Id is null && r.Slug is null)
                .WithMessage("An inline source needs its 'kind'.");
            RuleFor(r => r.Name).NotEmpty().When(r => r.Id is null && r.Kind is not null)
                .WithMessage("An inline source needs its 'name'.");
            Include(new SourceFieldsValidator<SourceRef>(r => r.Name, r => r.Homepage, r => r.Country));
            RuleFor(r => r.Scope).NotEmpty().When(r => r.Kind == SourceKind.Anonymous)
                .WithMessage("An anonymous source needs 'scope': the slug of the outlet that relayed it.");
            RuleFor(r => r.Scope).Must(Slugs.IsValid).When(r => r.Scope is not null)
                .WithMessage($"'scope' is the slug of an existing source ({Slugs.Rule}).");
        }
    }
}

// Turns references into tracked sources inside the caller's transaction. Inline sources are inserted
// with ON CONFLICT DO NOTHING, so two requests naming the same new source at once both succeed.
public sealed class SourceResolver(ClaimTrackerDbContext db, TimeProvider clock)
{
    public async Task<Source> ResolveAsync(SourceRef reference, string field, CancellationToken ct)
    {
        if (reference.Id is { } id)
            return await db.Sources.FirstOrDefaultAsync(s => s.Id == id, ct)
                ?? throw new MissingReferenceException(Fields.Join(field, "id"), $"No source has id {id}.");

        if (!reference.IsInline)
            return await FindAsync(reference.Slug!, ct)
                ?? throw new MissingReferenceException(Fields.Join(field, "slug"),
                    $"No source has slug '{reference.Slug}'. Create it first, or give 'name' and 'kind' to create it inline.");

        var scope = reference.Scope is null ? null : await FindAsync(reference.Scope, ct)
            ?? throw new MissingReferenceException(Fields.Join(field, "scope"), $"No source has slug '{reference.Scope}'.");
        var slug = reference.Slug ?? Slugs.From(reference.Name!, scope?.Slug);
        var existing = await FindAsync(slug, ct);
        if (existing is not null) return existing;

        var source = Source.Create(slug, reference.Name!, reference.Kind!.Value, reference.Homepage, reference.Country, scope, clock.GetUtcNow());
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO sources (id, slug, name, kind, homepage, country, scope_id, version, created_at, updated_at)
            VALUES ({source.Id}, {source.Slug}, {source.Name}, {SnakeCase.Name(source.Kind)}, {source.Homepage},
                    {source.Country}, {source.ScopeId}, {source.Version}, {source.CreatedAt}, {source.UpdatedAt})
            ON CONFLICT (slug) DO NOTHING
            """, ct);
        return (await FindAsync(slug, ct))!;
    }

    public Task<Source?> FindAsync(string slug, CancellationToken ct) =>
        db.Sources.FirstOrDefaultAsync(s => s.Slug == slug, ct);
}

// The field rules shared by creating a source, updating it and naming it inline.
public sealed class SourceFieldsValidator<T> : AbstractValidator<T>
{
    public SourceFieldsValidator(
        System.Linq.Expressions.Expression<Func<T, string?>> name,
        System.Linq.Expressions.Expression<Func<T, string?>> homepage,
        System.Linq.Expressions.Expression<Func<T, string?>> country)
    {
        RuleFor(name).MaximumLength(200);
        RuleFor(homepage).Must(url => url is null || BeAnAbsoluteHttpUrl(url))
            .WithMessage("'homepage' must be an absolute http or https URL.").MaximumLength(2000);
        RuleFor(country).Must(code => code is null || code is [var a, var b] && char.IsAsciiLetter(a) && char.IsAsciiLetter(b))
            .WithMessage("'country' is an ISO 3166-1 alpha-2 code such as KR or US.");
    }

    private static bool BeAnAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
