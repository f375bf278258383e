using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Claims;

// A source the claim is about ("North Korea is supplying Russia with rockets": north-korea and kremlin). Evidence whose
// origin is a party, or a member of one through memberOf (KCNA speaks for North Korea), is interested.
public sealed class ClaimParty
{
    public Guid Id { get; private set; }
    public Guid SourceId { get; private set; }
    public Source Source { get; private set; } = null!;

    private ClaimParty() { }

    public ClaimParty(Guid sourceId, DateTimeOffset now) => (Id, SourceId) = (Guid.CreateVersion7(now), sourceId);

    public const int MaxPerClaim = 20;
}

public static class Parties
{
    public static void MapParties(this OwnedNavigationBuilder<Claim, ClaimParty> parties)
    {
        parties.ToTable("claim_parties");
        parties.WithOwner().HasForeignKey("ClaimId");
        parties.HasKey(p => p.Id);
        parties.Property(p => p.Id).ValueGeneratedNever();
        parties.HasOne(p => p.Source).WithMany().HasForeignKey(p => p.SourceId).OnDelete(DeleteBehavior.Restrict);
        parties.HasIndex(p => p.SourceId);
    }

    // The sources that speak for the given parties: the parties themselves and their members, transitively.
    public static async Task<IReadOnlySet<Guid>> InterestedOriginsAsync(
        this ClaimTrackerDbContext db, IEnumerable<Guid> parties, CancellationToken ct)
    {
        var ids = parties.Distinct().ToArray();
        if (ids.Length == 0) return new HashSet<Guid>();
        var members = await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE members(id) AS (
                SELECT unnest({ids})
              UNION
                SELECT s.id FROM sources s JOIN members m ON s.member_of_id = m.id
            )
            SELECT id AS "Value" FROM members
            """).ToListAsync(ct);
        return members.ToHashSet();
    }

    // Each reference resolved as a chain's links are (by id, slug, or inline); an unknown one is a 404 naming it.
    public static async Task<List<Source>> ResolvePartiesAsync(
        this SourceResolver sources, IReadOnlyList<SourceRef>? parties, CancellationToken ct)
    {
        var resolved = new List<Source>();
        foreach (var (party, i) in (parties ?? []).Select((p, i) => (p, i)))
            resolved.Add(await sources.ResolveAsync(party, $"parties[{i}]", ct));
        return resolved;
    }
}
