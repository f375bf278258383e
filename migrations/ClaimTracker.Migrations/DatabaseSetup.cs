using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Migrations;

public static class DatabaseSetup
{
    public static async Task RunAsync(string connectionString, string seedsFolder, bool sample, TextWriter log, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{ClaimTrackerServices.ConnectionStringName}"] = connectionString })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddClaimTrackerCore()
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        log.WriteLine(pending.Count == 0 ? "==> schema is up to date" : $"==> applying {pending.Count} migration(s): {string.Join(", ", pending)}");
        await db.Database.MigrateAsync(ct);

        var added = await LoadLexiconAsync(db, Path.Combine(seedsFolder, SeedFiles.Lexicon), ct);
        log.WriteLine($"==> lexicon: {added} term(s) added");

        if (sample)
        {
            var story = await SampleStorySeed.LoadAsync(db, scope.ServiceProvider.GetRequiredService<ISender>(),
                Path.Combine(seedsFolder, SeedFiles.SampleStory), ct);
            log.WriteLine($"==> sample story: {story.Sources} source(s), {story.Claims} claim(s), {story.Evidence} evidence item(s) added");
        }
    }

    // Seeds add what is missing and never overwrite: a term already in the table keeps its values.
    private static async Task<int> LoadLexiconAsync(ClaimTrackerDbContext db, string path, CancellationToken ct)
    {
        var file = LexiconFile.Read(path);
        var known = (await db.LexiconTerms.Where(t => t.Language == file.Language).Select(t => new { t.Scale, t.Phrase }).ToListAsync(ct))
            .Select(t => (t.Scale, t.Phrase)).ToHashSet();
        var missing = file.Terms.Select(t => LexiconTerm.From(t, file.Language)).Where(t => !known.Contains((t.Scale, t.Phrase))).ToList();
        db.LexiconTerms.AddRange(missing);
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }
}
