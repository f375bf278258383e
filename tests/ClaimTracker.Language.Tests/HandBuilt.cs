namespace ClaimTracker.Language.Tests;

public static class HandBuilt
{
    public static LexiconEntry Entry(
        string phrase,
        double probability = 0.5,
        string scale = "claimtracker",
        CueCategory category = CueCategory.Estimative,
        params string[] variants) =>
        new(phrase, probability, probability, probability, CuePolarity.Neutral, category, scale,
            variants.Length == 0 ? null : variants);

    public static HedgeMatcher Matcher(params LexiconEntry[] entries) => new(entries);
}
