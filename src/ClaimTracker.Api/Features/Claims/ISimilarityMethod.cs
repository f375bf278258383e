namespace ClaimTracker.Api.Features.Claims;

// The seam for ways of scoring how alike a text and a stored claim's statement are: trigram + full text now
// (TextSimilarity); sentence embeddings can register as a second implementation and be chosen by
// ClaimTracker:Similarity:Method. An implementation answers raw scores (0-1, higher = more alike) for at most `limit`
// live claims, best first, never a merged claim nor excludeClaimId; ClaimSimilarity turns them into tiers.
public interface ISimilarityMethod
{
    string Name { get; }

    Task<IReadOnlyList<ScoredClaim>> ScoreAsync(string text, string? language, int limit, Guid? excludeClaimId, CancellationToken ct);
}

// Method: set when a method answers a candidate with another method's score (EmbeddingSimilarity falls back to "text"
// for languages its model does not know); that method's thresholds then tier it.
public sealed record ScoredClaim(Guid ClaimId, string Statement, double Score, DateTimeOffset FirstReportedAt, string? Method = null);
