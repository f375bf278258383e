using System.Runtime.CompilerServices;
using ClaimTracker.Api.Features.Audit;
using System.Linq.Expressions;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
    string? Country = null,
    IReadOnlyList<string>? Aliases = null)
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
                .WithMessage($"A slug is {Slugs.Rule}.");
            RuleFor(r => r.Kind).NotNull().When(r => r.Id is null && r.Slug is null)
                .WithMessage("An inline source needs its 'kind'.");
            RuleFor(r => r.Name).NotEmpty().When(r => r.Id is null && r.Kind is not null)
                .WithMessage("An inline source needs its 'name'.");
            Include(new SourceFieldsValidator<SourceRef>(r => r.Name, r => r.Kind, r => r.Homepage, r => r.Country, r => r.Aliases, r => r.Scope));
        }
    }
}

// The field rules shared by creating a source, updating it and naming it inline.
public sealed class SourceFieldsValidator<T> : AbstractValidator<T>
{
    public SourceFieldsValidator(
        Expression<Func<T, string?>> name,
        Expression<Func<T, SourceKind?>> kind,
        Expression<Func<T, string?>> homepage,
        Expression<Func<T, string?>> country,
        Expression<Func<T, IEnumerable<string>?>> aliases,
        Expression<Func<T, string?>>? scope = null)
    {
        RuleFor(name).MaximumLength(200);
        RuleFor(homepage).Must(url => url is null || IsAbsoluteHttpUrl(url))
            .WithMessage("'homepage' must be an absolute http or https URL.").MaximumLength(2000);
        RuleFor(country).Must(code => code is null || code is [var a, var b] && char.IsAsciiLetter(a) && char.IsAsciiLetter(b))
            .WithMessage("'country' is an ISO 3166-1 alpha-2 code such as KR or US.");
        RuleFor(aliases).Must(a => a is null || a.Count() <= Source.MaxAliases).WithMessage($"At most {Source.MaxAliases} aliases.");
        RuleForEach<string>(aliases!).NotEmpty().MaximumLength(Source.MaxAliasLength)
            .WithMessage($"An alias is a name the source goes by, of 1 to {Source.MaxAliasLength} characters.");
        if (scope is null) return;

        var kindOf = kind.Compile();
        var scopeOf = scope.Compile();
        RuleFor(scope).NotEmpty().When(x => kindOf(x) == SourceKind.Anonymous)
            .WithMessage("An anonymous source needs 'scope': the slug of the outlet that relayed it.");
        RuleFor(scope).Must(Slugs.IsValid).When(x => scopeOf(x) is not null)
            .WithMessage($"'scope' is the slug of an existing source ({Slugs.Rule}).");
    }

    private static bool IsAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

// Turns references into tracked sources inside the caller's transaction. New sources are inserted with
// ON CONFLICT DO NOTHING, so two requests naming the same new source at once both succeed.
public sealed class SourceResolver(ClaimTrackerDbContext db, TimeProvider clock, AuditTrail trail)
{
    public async Task<Source> ResolveAsync(SourceRef reference, string field, CancellationToken ct)
    {
        if (reference.Id is { } id)
            return Tracked(s => s.Id == id) ?? await db.Sources.FirstOrDefaultAsync(s => s.Id == id, ct)
                ?? throw new MissingReferenceException(Fields.Join(field, "id"), $"No source has id {id}.");

        if (!reference.IsInline)
            return await FindAsync(reference.Slug!, ct)
                ?? throw new MissingReferenceException(Fields.Join(field, "slug"),
                    $"No source has slug '{reference.Slug}'. Create it first, or give 'name' and 'kind' to create it inline.");

        return await CreateAsync(reference.Name!, reference.Kind!.Value, reference.Slug, reference.Homepage, reference.Country,
            reference.Aliases, reference.Scope, reuseExisting: true, field, ct);
    }

    // Links in the order given; roles the caller left out are decided when the chain is completed.
    public async Task<List<(Source Source, ChainRole? Role)>> ResolveChainAsync(
        IReadOnlyList<ChainLinkInput>? chain, string path, CancellationToken ct)
    {
        var links = chain ?? [];
        var resolved = new (Source Source, ChainRole? Role)[links.Count];
        // Unscoped sources first, so an anonymous source can be scoped by an outlet created inline in the same chain.
        foreach (var i in Enumerable.Range(0, links.Count).OrderBy(i => links[i].Source.Scope is not null))
            resolved[i] = (await ResolveAsync(links[i].Source, $"{path}[{i}].source", ct), links[i].Role);
        return resolved.ToList();
    }

    // With reuseExisting, a source already stored under the slug is the one meant (inline references), and it
    // is returned as stored: the reference's other fields are not merged into it. Without it, that slug is
    // taken and the request is a duplicate (POST /sources).
    public async Task<Source> CreateAsync(
        string name, SourceKind kind, string? slug, string? homepage, string? country, IReadOnlyList<string>? aliases, string? scopeSlug,
        bool reuseExisting, string field, CancellationToken ct)
    {
        var scope = scopeSlug is null ? null : await FindAsync(scopeSlug, ct)
            ?? throw new MissingReferenceException(Fields.Join(field, "scope"), $"No source has slug '{scopeSlug}'.");
        if (reuseExisting && slug is null && await FindByNameAsync(name, scope?.Id, ct) is { } known) return known;
        var source = Source.Create(slug ?? Slugs.From(name, scope?.Slug), name, kind, homepage, country, aliases, scope, clock.GetUtcNow());
        var inserted = await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(
            $"INSERT INTO sources ({Source.InsertColumns}) VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, {{7}}, {{8}}, {{9}}, {{10}}) ON CONFLICT (slug) DO NOTHING",
            [source.Id, source.Slug, source.Name, SnakeCase.Name(source.Kind), source.Homepage, source.Country, source.Aliases.ToArray(),
             source.ScopeId, source.Version, source.CreatedAt, source.UpdatedAt]), ct);
        if (inserted == 0 && !reuseExisting)
            throw new ConflictException($"A source with slug '{source.Slug}' already exists.");
        if (inserted == 1) trail.Add("sources", source.Id, ChangeKind.Added); // written in SQL, unseen by the audit interceptor
        return (await FindAsync(source.Slug, ct))!;
    }

    // The source an inline reference means when its name is a stored source's name or alias (case-insensitively) under
    // the same scope: "Yonhap" is Yonhap News Agency when that source has the alias. Its own name wins over an alias;
    // among equals, the oldest source.
    private async Task<Source?> FindByNameAsync(string name, Guid? scopeId, CancellationToken ct)
    {
        var key = name.Trim();
        var candidates = await db.Sources
            .FromSql($"""
                SELECT * FROM sources
                WHERE (lower(name) = lower({key}) OR lower_each(aliases) && lower_each(ARRAY[{key}]))
                  AND scope_id IS NOT DISTINCT FROM {scopeId}
                """)
            .Include(s => s.Scope)
            .ToListAsync(ct);
        return candidates
            .OrderBy(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .FirstOrDefault();
    }

    public async Task<Source?> FindAsync(string slug, CancellationToken ct) =>
        Tracked(s => s.Slug == slug) ?? await db.Sources.Include(s => s.Scope).FirstOrDefaultAsync(s => s.Slug == slug, ct);

    // A source this scope has read already (RecordClaim reads those its request names, with their scopes, in its first
    // batch) is not read again: within the command's transaction that read is as good as one now.
    private Source? Tracked(Func<Source, bool> match) =>
        db.Sources.Local.FirstOrDefault(s => match(s) && (s.ScopeId is null || s.Scope is not null));

    // The statement for a caller's batch that reads the sources these references name by id or slug, and their scopes;
    // null when they name none. Track what it returns (Batches.Track) and ResolveAsync finds them without a round trip.
    public static NpgsqlBatchCommand? ReadNamed(IEnumerable<SourceRef?> references)
    {
        var named = references.OfType<SourceRef>().ToList();
        var ids = named.Where(r => r.Id is not null).Select(r => r.Id!.Value).Distinct().ToArray();
        var slugs = named.Where(r => r.Id is null && !r.IsInline && r.Slug is not null).Select(r => r.Slug!)
            .Concat(named.Where(r => r.Scope is not null).Select(r => r.Scope!)).Distinct().ToArray();
        if (ids.Length == 0 && slugs.Length == 0) return null;
        return Batches.Command($"""
            SELECT * FROM sources
            WHERE slug = ANY({slugs}) OR id = ANY({ids})
               OR id IN (SELECT scope_id FROM sources WHERE slug = ANY({slugs}) OR id = ANY({ids}))
            """);
    }

    // The existing source each name means, for text that names sources the way the news does ("Washington",
    // "yonhap", "The New York Times"). Case-insensitive; a name's own source wins over one that has it as an
    // alias, and an alias over a slug; among equals, the oldest source. Names that match nothing are left out.
    // One query, on the expression indexes lower(name) and lower_each(aliases) (GIN) and the slug index.
    public async Task<IReadOnlyDictionary<string, Source>> MatchByNameAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var given = names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().ToList();
        if (given.Count == 0) return new Dictionary<string, Source>();
        var keys = given.Select(n => n.Trim()).Distinct().ToArray();

        var candidates = await db.Sources
            .FromSql($"""
                SELECT * FROM sources
                WHERE lower(name) = ANY (lower_each({keys}))
                   OR slug = ANY (lower_each({keys}))
                   OR lower_each(aliases) && lower_each({keys})
                """)
            .Include(s => s.Scope)
            .ToListAsync(ct);

        var matches = new Dictionary<string, Source>();
        foreach (var name in given)
        {
            var key = name.Trim();
            var best = candidates
                .Select(s => (Source: s, Rank: Rank(s, key)))
                .Where(c => c.Rank is not null)
                .OrderBy(c => c.Rank).ThenBy(c => c.Source.CreatedAt).ThenBy(c => c.Source.Id)
                .Select(c => c.Source)
                .FirstOrDefault();
            if (best is not null) matches[name] = best;
        }
        return matches;
    }

    private static int? Rank(Source source, string name) =>
        string.Equals(source.Name, name, StringComparison.OrdinalIgnoreCase) ? 0
        : source.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase) ? 1
        : string.Equals(source.Slug, name, StringComparison.OrdinalIgnoreCase) ? 2
        : null;
}
