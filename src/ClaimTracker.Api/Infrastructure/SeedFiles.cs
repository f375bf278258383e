namespace ClaimTracker.Api.Infrastructure;

// Where the seed files are: the migrate-and-seed command needs the folder, the API its trained model file.

public static class SeedFiles
{
    public const string Lexicon = "lexicon.json";
    public const string SampleStory = "sample-story.json";
    public const string RatingCrosswalk = "rating-crosswalk.json";

    // An explicit folder wins; otherwise the nearest seeds/ above the working directory or the program.
    public static string Locate(string? explicitFolder)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
            return File.Exists(Path.Combine(explicitFolder, Lexicon))
                ? Path.GetFullPath(explicitFolder)
                : throw new DirectoryNotFoundException($"{explicitFolder} has no {Lexicon}.");
        return Nearest() ?? throw new DirectoryNotFoundException("No seeds/ folder found; pass --seeds DIR or set ClaimTracker__SeedsPath.");
    }

    // The same search for one file, null when it is nowhere. An explicit folder may hold only that file (the API image).
    public static string? Find(string? explicitFolder, string fileName)
    {
        var folder = string.IsNullOrWhiteSpace(explicitFolder) ? Nearest() : explicitFolder;
        return folder is not null && File.Exists(Path.Combine(folder, fileName)) ? Path.Combine(folder, fileName) : null;
    }

    private static string? Nearest()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "seeds");
                if (File.Exists(Path.Combine(candidate, Lexicon))) return candidate;
            }
        return null;
    }
}
