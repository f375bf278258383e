namespace ClaimTracker.Language;

// Estimative: states a likelihood ("likely"). Evidential: the writer's grounds ("appears", "reportedly").
// Attribution: names who says it ("according to"). Weasel: an unnamed or vague holder ("some say", "is widely
// considered") or a vague quantity ("often"). Peacock: praise nothing in the text supports ("legendary").
public enum CueCategory { Estimative, Evidential, Attribution, Weasel, Peacock }

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
    Guid? Id = null,
    bool Inflect = false,
    bool LowercaseOnly = false)
{
    // Inflect: the first word of the phrase and of each variant is a verb in its base form, and its
    // -s, -ed and -ing forms match too ("refuse to confirm" also finds "refused to confirm").
    // LowercaseOnly: capitalised inside a sentence, or before a number, the word means something else ("May 5").
    public IEnumerable<string> SurfaceForms
    {
        get
        {
            IEnumerable<string> forms = Variants is null ? [Phrase] : [Phrase, .. Variants];
            return Inflect ? forms.SelectMany(Inflections.OfPhrase).Distinct() : forms;
        }
    }
}
