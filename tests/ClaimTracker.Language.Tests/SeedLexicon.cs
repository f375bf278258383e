namespace ClaimTracker.Language.Tests;

// The real lexicon from seeds/lexicon.json, so the tests notice when the data changes under them.
public static class SeedLexicon
{
    private static readonly Lazy<LexiconFile> LazyLexicon = new(() => LexiconFile.Read(FilePath));
    private static readonly Lazy<HedgeMatcher> LazyMatcher =
        new(() => new HedgeMatcher(Lexicon.Terms.Select(t => t.ToEntry())));

    public static string FilePath => Path.Combine(RepositoryRoot(), "seeds", "lexicon.json");
    public static LexiconFile Lexicon => LazyLexicon.Value;
    public static HedgeMatcher Matcher => LazyMatcher.Value;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds ClaimTracker.sln");
    }
}
