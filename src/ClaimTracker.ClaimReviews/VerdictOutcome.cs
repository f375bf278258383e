namespace ClaimTracker.ClaimReviews;

// What a fact-checker's rating says about the claim, on one scale for every publisher and language.
// NotAVerdict is for ratings that are no judgement of truth ("Satire", "Explainer"): the review is kept, the claim
// stays open. Superseded is ClaimTracker's own: true when said, no longer (its export's "Superseded"; "Outdated").
public enum VerdictOutcome { True, MostlyTrue, Mixed, False, Unresolvable, NotAVerdict, Superseded }

// Where a verdict came from, so the import can say why an item got (or did not get) one.
public enum VerdictSource
{
    PublisherLabel,     // a label entry for this publisher's site
    LanguageLabel,      // a label entry for the review's language (or for every language)
    OtherLanguageLabel, // the review's language lacks the label, every other language that has it agrees
    NumericScale,       // no usable label; the publisher's scale is declared ordered by truth
    Unmapped,           // a label the crosswalk does not know: imported without a verdict, never guessed
    NoRating,           // neither a label nor a usable number
}

public sealed record RatingVerdict(VerdictSource Source, VerdictOutcome? Outcome, string? Label, string? Note = null)
{
    public bool HasVerdict => Outcome is not null;

    // A label that found no entry, even when a declared numeric scale still gave a verdict: the list to extend.
    public bool LabelUnknown => Label is not null
        && Source is not (VerdictSource.PublisherLabel or VerdictSource.LanguageLabel or VerdictSource.OtherLanguageLabel);
}
