namespace ClaimTracker.ClaimReviews;

// One review as read from any input shape, normalised: what the import turns into a claim, a report, a fact-checker
// source and (through the crosswalk) a verdict. Path names the item in its document ("dataFeedElement[3].item[0]");
// Index counts reviews in document order, errors included, so an item's number is stable whatever else fails.
public sealed record ClaimReviewItem(
    int Index,
    string Path,
    string ClaimReviewed,
    string? ClaimLanguage,
    IReadOnlyList<Claimant> Claimants,
    IReadOnlyList<Appearance> Appearances,
    DateTimeOffset? ClaimDate,
    string? ReviewUrl,
    ReviewPublisher? Publisher,
    DateTimeOffset? ReviewDate,
    string? Title,
    string? TextualRating,
    NumericRating? NumericRating,
    string? ReviewLanguage,
    IReadOnlyList<string> Warnings,
    string? RatingExplanation = null)
{
    // Feeds often tag only one of the two; the review's language is the better guess for its rating label,
    // the claim's for the claim's text.
    public string? LabelLanguage => ReviewLanguage ?? ClaimLanguage;
    public string? TextLanguage => ClaimLanguage ?? ReviewLanguage;
}

public sealed record Claimant(string? Name, string? Type, string? Url);

public sealed record Appearance(string Url, DateTimeOffset? Date, bool IsFirst);

// Site is the host without "www.", the key the crosswalk and Google's reviewPublisherSiteFilter use.
public sealed record ReviewPublisher(string? Name, string? Url, string? Site);

// Kept as read; the crosswalk decides whether a publisher's numbers mean anything (see RatingCrosswalk).
public sealed record NumericRating(double? Value, double? Best, double? Worst);
