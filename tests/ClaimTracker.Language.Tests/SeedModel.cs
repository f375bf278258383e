namespace ClaimTracker.Language.Tests;

// The trained model from seeds/hedge-model.json, as the API loads it.
public static class SeedModel
{
    private static readonly Lazy<UncertaintyModel> LazyModel =
        new(() => UncertaintyModel.Load(Path.Combine(SeedLexicon.RepositoryRoot(), "seeds", "hedge-model.json")));

    public static UncertaintyModel Model => LazyModel.Value;

    public static TextAnalyzer Analyzer => new(SeedLexicon.Matcher, Model);
}
