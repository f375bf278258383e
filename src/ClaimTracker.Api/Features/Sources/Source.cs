using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Sources;

// FactChecker: an organisation whose ClaimReviews were imported (POST /claimreviews).
public enum SourceKind { Outlet, WireAgency, Broadcaster, Government, Official, Expert, Anonymous, Other, FactChecker }

public sealed class Source
{
    private Source() { }

    public Guid Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Name { get; private set; } = "";
    public SourceKind Kind { get; private set; }
    public string? Homepage { get; private set; }
    public string? Country { get; private set; }

    // Other names the source goes by in the news ("Washington", "the White House" for the US government), so
    // that text analysis can match them to this source (SourceResolver.MatchByNameAsync).
    public List<string> Aliases { get; private set; } = [];

    // The outlet through which an unnamed attribution reached us: "an unidentified official" quoted by Yonhap
    // is a different source from one quoted by YTN, each with its own track record.
    public Guid? ScopeId { get; private set; }
    public Source? Scope { get; private set; }

    // The source this one speaks for: a government's officials and media (KCNA for North Korea). Evidence from a
    // member of a claim's party is interested (Claims/Parties.cs). Never a cycle (SourceMembership).
    public Guid? MemberOfId { get; private set; }
    public Source? MemberOf { get; private set; }

    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public const int MaxAliases = 20;
    // Sources are inserted in SQL where a concurrent request may be creating the same one (INSERT ... ON CONFLICT):
    // inline references one at a time (SourceResolver), an import's new sources in one statement (ImportStaging).
    public const string InsertColumns = "id, slug, name, kind, homepage, country, aliases, scope_id, version, created_at, updated_at";
    public const int MaxAliasLength = 200;

    public static Source Create(
        string slug, string name, SourceKind kind, string? homepage, string? country, IEnumerable<string>? aliases, Source? scope,
        DateTimeOffset now)
    {
        if (kind == SourceKind.Anonymous && scope is null)
            throw new ConflictException("An anonymous source needs the outlet that relayed it as its scope.");
        return new Source
        {
            Id = Guid.CreateVersion7(now),
            Slug = slug,
            Name = name.Trim(),
            Kind = kind,
            Homepage = homepage,
            Country = country?.ToUpperInvariant(),
            Aliases = NormalizeAliases(aliases),
            ScopeId = scope?.Id,
            Scope = scope,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void Update(string name, SourceKind kind, string? homepage, string? country, IEnumerable<string>? aliases, DateTimeOffset now)
    {
        if (kind == SourceKind.Anonymous && ScopeId is null)
            throw new ConflictException("An anonymous source needs a scope; this source has none.");
        Name = name.Trim();
        Kind = kind;
        Homepage = homepage;
        Country = country?.ToUpperInvariant();
        Aliases = NormalizeAliases(aliases);
        Version++;
        UpdatedAt = now;
    }

    public void JoinAs(Source? group, DateTimeOffset now)
    {
        if (group?.Id == MemberOfId) return;
        MemberOfId = group?.Id;
        MemberOf = group;
        UpdatedAt = now;
    }

    // Trimmed, and each alias once whatever its case ("NYT" and "nyt" are one alias): the first spelling is kept.
    public static List<string> NormalizeAliases(IEnumerable<string>? aliases) =>
        (aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

public sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(Slugs.MaxLength);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200);
        // GET /sources pages by (name, id) in either direction.
        builder.HasIndex(s => new { s.Name, s.Id });
        builder.HasIndex(s => s.Kind);
        builder.Property(s => s.Kind).HasMaxLength(20);
        builder.Property(s => s.Homepage).HasMaxLength(2000);
        builder.Property(s => s.Country).HasMaxLength(2).IsFixedLength();
        // Case-insensitive lookups by alias and name go through expression indexes the migration creates
        // (lower_each(aliases) with GIN, lower(name)); see SourceResolver.MatchByNameAsync.
        builder.HasOne(s => s.Scope).WithMany().HasForeignKey(s => s.ScopeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.MemberOf).WithMany().HasForeignKey(s => s.MemberOfId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
