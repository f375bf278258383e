using ClaimTracker.Api.Features.ClaimReviews;
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
        // A migration rewrites whole tables: not a request's time limits.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{ClaimTrackerServices.ConnectionStringName}"] = DatabaseOptions.ForBulkWork(connectionString),
            })
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

        var added = await LoadLexiconAsync(db, Path.Combine(seedsFolder, SeedFiles.Lexicon),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        log.WriteLine($"==> lexicon: {added} term(s) added");
        var labels = await LoadCrosswalkAsync(db, Path.Combine(seedsFolder, SeedFiles.RatingCrosswalk),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        log.WriteLine($"==> rating crosswalk: {labels} label(s) added");

        if (sample)
        {
            var story = await SampleStorySeed.LoadAsync(db, scope.ServiceProvider.GetRequiredService<ISender>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                Path.Combine(seedsFolder, SeedFiles.SampleStory), ct);
            log.WriteLine($"==> sample story: {story.Sources} source(s), {story.Claims} claim(s), {story.Evidence} evidence item(s) added");
        }
    }

    // Seeds add what is missing and never overwrite: a term already in the table keeps its values, and a term
    // someone retired stays retired (matched on language, scale and phrase). The terms added make one lexicon
    // version with their change rows; when nothing is missing, no version is created.
    private static async Task<int> LoadLexiconAsync(ClaimTrackerDbContext db, string path, TimeProvider clock, CancellationToken ct)
    {
        var file = LexiconFile.Read(path);
        var language = LanguageTags.Normalize(file.Language);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = await db.LockAndAllocateAsync(ct);
        var known = (await db.LexiconTerms.Where(t => t.Language == language).Select(t => new { t.Scale, t.Phrase }).ToListAsync(ct))
            .Select(t => (t.Scale, t.Phrase)).ToHashSet();
        var missing = file.Terms.Select(t => LexiconTerm.From(t, language, version))
            .Where(t => known.Add((t.Scale, t.Phrase)))
            .ToList();
        if (missing.Count == 0) return 0;

        db.LexiconTerms.AddRange(missing);
        db.LexiconVersions.Add(LexiconVersion.Record(version, $"Loaded {missing.Count} term(s) from seeds/{SeedFiles.Lexicon}",
            missing.Select(LexiconChange.Added), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return missing.Count;
    }

    // Like the lexicon, seeds add what is missing and never overwrite: a label whose outcome someone changed through the
    // API keeps it. A label deleted through the API comes back on the next seed run while the file lists it, so a label
    // that is wrong for everyone is removed from the file too.
    private static async Task<int> LoadCrosswalkAsync(ClaimTrackerDbContext db, string path, TimeProvider clock, CancellationToken ct)
    {
        if (!File.Exists(path)) return 0;
        var file = ClaimTracker.ClaimReviews.CrosswalkFile.Parse(await File.ReadAllTextAsync(path, ct));
        var now = clock.GetUtcNow();
        var known = (await db.RatingCrosswalk.Select(e => new { e.Publisher, e.Language, e.LabelKey }).ToListAsync(ct))
            .Select(e => (e.Publisher, e.Language, e.LabelKey)).ToHashSet();
        var missing = file.Flatten()
            .Select(e => RatingCrosswalkEntry.Create(e.Label, e.Outcome, e.Language, e.Publisher, now))
            .Where(e => known.Add((e.Publisher, e.Language, e.LabelKey)))
            .ToList();
        if (missing.Count == 0) return 0;
        db.RatingCrosswalk.AddRange(missing);
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }
}
