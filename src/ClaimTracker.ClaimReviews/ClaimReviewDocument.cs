namespace ClaimTracker.ClaimReviews;

public enum ClaimReviewShape { Empty, ClaimReview, Array, DataFeed, Graph, FactCheckToolsResponse, Mixed }

// The outcome of reading one input: the reviews that could be read, one error per review that could not (with its
// index and path), or a single document error when the text is not JSON at all (then nothing else is set).
public sealed record ClaimReviewDocument(
    ClaimReviewShape Shape,
    IReadOnlyList<ClaimReviewItem> Reviews,
    IReadOnlyList<ClaimReviewItemError> Errors,
    ClaimReviewDocumentError? DocumentError)
{
    public int Items => Reviews.Count + Errors.Count;
    public bool IsValid => DocumentError is null && Errors.Count == 0;
}

public sealed record ClaimReviewItemError(int Index, string Path, string Reason);

// Line and Position are 1-based, as an editor shows them.
public sealed record ClaimReviewDocumentError(string Reason, long? Line, long? Position);
