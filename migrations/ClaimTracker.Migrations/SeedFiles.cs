namespace ClaimTracker.Migrations;

public static class SeedFiles
{
    public const string Lexicon = "lexicon.json";
    public const string SampleStory = "sample-story.json";

    // An explicit folder wins; otherwise the nearest seeds/ above the working directory or the program.
    public static string Locate(string? explicitFolder)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
            return File.Exists(Path.Combine(explicitFolder, Lexicon))
                ? Path.GetFullPath(explicitFolder)
                : throw new DirectoryNotFoundException($"{explicitFolder} has no {Lexicon}.");

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "seeds");
                if (File.Exists(Path.Combine(candidate, Lexicon))) return candidate;
            }
        throw new DirectoryNotFoundException("No seeds/ folder found; pass --seeds DIR or set ClaimTracker__SeedsPath.");
    }
}
