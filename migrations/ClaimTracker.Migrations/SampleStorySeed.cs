using System.Text.Json;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Migrations;

// The sample story of DOMAIN.md, written as the same request bodies the API takes, loaded through the same
// commands in one transaction. Sources are matched by slug and claims by statement, so loading twice adds nothing.
public static class SampleStorySeed
{
    public sealed record Story(
        IReadOnlyList<CreateSource.Command> Sources,
        IReadOnlyList<CreateArticle.Command> Articles,
        IReadOnlyList<StoryClaim> Claims);

    public sealed record StoryClaim(
        string Key, string Statement, IReadOnlyList<string> Topics, ReportInput Report, IReadOnlyList<AddEvidence.Body>? Evidence);

    public sealed record Counts(int Sources, int Claims, int Evidence);

    public static async Task<Counts> LoadAsync(ClaimTrackerDbContext db, ISender sender, string path, CancellationToken ct)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ClaimTrackerServices.ConfigureJson(json);
        var story = JsonSerializer.Deserialize<Story>(await File.ReadAllTextAsync(path, ct), json)
            ?? throw new InvalidDataException($"{path} holds no story");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int sources = 0, claims = 0, evidence = 0;
        foreach (var source in story.Sources)
        {
            if (await db.Sources.AnyAsync(s => s.Slug == source.Slug, ct)) continue;
            await sender.Send(source, ct);
            sources++;
        }
        foreach (var article in story.Articles)
            await sender.Send(article, ct);
        foreach (var claim in story.Claims)
        {
            if (await db.Claims.AnyAsync(c => c.Statement == claim.Statement, ct)) continue;
            var recorded = await sender.Send(new RecordClaim.Command(claim.Statement, claim.Topics, claim.Report), ct);
            claims++;
            foreach (var item in claim.Evidence ?? [])
            {
                await sender.Send(new AddEvidence.Command(recorded.Id, item), ct);
                evidence++;
            }
        }
        await transaction.CommitAsync(ct);
        return new Counts(sources, claims, evidence);
    }
}
