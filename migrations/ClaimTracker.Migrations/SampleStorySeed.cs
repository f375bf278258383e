using System.Text.Json;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Migrations;

// The sample story of DOMAIN.md, written as the same request bodies the API takes, loaded through the same
// commands in one transaction. Sources are matched by slug, claims by statement key (claim_key, as POST /claims finds duplicates) and evidence by claim, article
// and stance, so loading twice adds nothing and loading an extended file adds only what is new: a stored source without
// memberOf gets the file's, a stored claim without parties gets the file's (a database seeded before they existed).
public static class SampleStorySeed
{
    public sealed record Story(
        IReadOnlyList<CreateSource.Command> Sources,
        IReadOnlyList<CreateArticle.Command> Articles,
        IReadOnlyList<StoryClaim> Claims);

    public sealed record StoryClaim(
        string Key, string Statement, IReadOnlyList<string> Topics, ReportInput Report, IReadOnlyList<AddEvidence.Body>? Evidence,
        IReadOnlyList<SourceRef>? Parties = null);

    public sealed record Counts(int Sources, int Claims, int Evidence);

    public static async Task<Counts> LoadAsync(ClaimTrackerDbContext db, ISender sender, TimeProvider clock, string path, CancellationToken ct)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ClaimTrackerServices.ConfigureJson(json);
        var story = JsonSerializer.Deserialize<Story>(await File.ReadAllTextAsync(path, ct), json)
            ?? throw new InvalidDataException($"{path} holds no story");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int sources = 0, claims = 0, evidence = 0;
        foreach (var source in story.Sources)
        {
            var slug = source.Slug ?? Slugs.From(source.Name, source.Scope);
            var storedSource = await db.Sources.FirstOrDefaultAsync(s => s.Slug == slug, ct);
            if (storedSource is null)
            {
                await sender.Send(source, ct);
                sources++;
            }
            else if (storedSource.MemberOfId is null && source.MemberOf is not null)
                await JoinAsync(db, storedSource, source.MemberOf, clock.GetUtcNow(), ct);
        }
        foreach (var article in story.Articles)
            await sender.Send(article, ct);
        foreach (var claim in story.Claims)
        {
            var storedId = await db.LockStatementAsync(claim.Statement, questionId: null, ct);
            var stored = storedId is { } id
                ? await db.Claims.Where(c => c.Id == id).Select(c => new { c.Id, c.Status }).SingleAsync(ct)
                : null;
            if (stored is null)
            {
                var recorded = await sender.Send(new RecordClaim.Command(claim.Statement, claim.Topics, claim.Report, Parties: claim.Parties), ct);
                stored = new { recorded.Claim.Id, recorded.Claim.Status };
                claims++;
            }
            else if (claim.Parties is { Count: > 0 } parties && !await db.Claims.AnyAsync(c => c.Id == stored.Id && c.Parties.Any(), ct))
            {
                var version = await db.Claims.Where(c => c.Id == stored.Id).Select(c => c.Version).SingleAsync(ct);
                var named = await sender.Send(new SetClaimParties.Command(stored.Id, parties, version), ct);
                stored = new { named!.Id, named.Status };
            }
            // A claim someone has resolved since takes no more evidence; the seed leaves it as they left it.
            if (Claim.Resolutions.Contains(stored.Status)) continue;
            foreach (var item in claim.Evidence ?? [])
            {
                if (await HasEvidenceAsync(db, stored.Id, item, ct)) continue;
                await sender.Send(new AddEvidence.Command(stored.Id, item), ct);
                evidence++;
            }
        }
        await transaction.CommitAsync(ct);
        return new Counts(sources, claims, evidence);
    }

    private static async Task JoinAsync(ClaimTrackerDbContext db, Source source, string memberOf, DateTimeOffset now, CancellationToken ct)
    {
        source.JoinAs(await db.ResolveMemberOfAsync(source.Id, memberOf, ct), now);
        await db.SaveChangesAsync(ct);
        await db.ReworkClaimsAfterMembershipChangeAsync(source.Id, $"The sample story now has '{source.Slug}' speak for '{memberOf}' (memberOf).", now, ct);
        await db.SaveChangesAsync(ct);
    }

    private static Task<bool> HasEvidenceAsync(ClaimTrackerDbContext db, Guid claimId, AddEvidence.Body item, CancellationToken ct)
    {
        var evidence = db.Evidence.Where(e => e.ClaimId == claimId && e.Stance == item.Stance);
        return item.Article.Id is { } articleId
            ? evidence.AnyAsync(e => e.ArticleId == articleId, ct)
            : evidence.AnyAsync(e => e.Article.Url == CanonicalUrl.Create(item.Article.Url!), ct);
    }
}
