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

    // When a source joins or leaves a party (memberOf), evidence from it and from its own members may become interested
    // or stop being so: every claim with parties and such evidence reads differently, and unresolved ones may change
    // status. Each is reworked with the links as they now are (saved changes only: call after SaveChanges).
    public static async Task<int> ReworkClaimsAfterMembershipChangeAsync(
        this ClaimTrackerDbContext db, Guid source, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var claimIds = await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE below(id) AS (
                SELECT {source}
              UNION
                SELECT s.id FROM sources s JOIN below b ON s.member_of_id = b.id
            )
            SELECT DISTINCT e.claim_id AS "Value"
            FROM evidence e
            JOIN evidence_chain origin ON origin.evidence_id = e.id AND origin.position = 0
            WHERE origin.source_id IN (SELECT id FROM below)
              AND EXISTS (SELECT 1 FROM claim_parties p WHERE p.claim_id = e.claim_id)
            ORDER BY 1
            """).ToListAsync(ct);
        foreach (var id in claimIds)
        {
            var claim = await db.Claims.Include(c => c.Evidence).SingleAsync(c => c.Id == id, ct);
            claim.InterestChanged(await db.InterestedOriginsAsync(claim.Parties.Select(p => p.SourceId), ct), reason, now);
        }
        return claimIds.Count;
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
