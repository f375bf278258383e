namespace ClaimTracker.Language;

public enum CueCategory { Estimative, Evidential, Attribution }

// Direction the phrase itself points: "likely" toward true, "unlikely" or "denied" toward false.
public enum CuePolarity { Positive, Neutral, Negative }

public sealed record LexiconEntry(
    string Phrase,
    double Probability,
    double Low,
    double High,
    CuePolarity Polarity,
    CueCategory Category,
    string Scale,
    IReadOnlyList<string>? Variants = null,
    Guid? Id = null)
{
    public IEnumerable<string> SurfaceForms => Variants is null ? [Phrase] : [Phrase, .. Variants];
}
