using ClaimTracker.Language;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClaimTracker.Api.Features.Claims;

public enum SimilarityTier { Suggested, Confirmed }

// Why a candidate scoring above the confirmed threshold is only suggested: "differs_in_number", "short_text", "old_claim".
public sealed record SimilarClaim(Guid Id, string Statement, double Score, SimilarityTier Tier, string Method, IReadOnlyList<string> Demotions);

// Two tiers, as Meedan Check has them: a confirmed match is the same claim (recording it again can be refused), a
// suggested one is for a person to look at. The configured method scores; the tiers and demotions are the same for every
// method: a pair that differs in a number, date, weekday, month, name or negation (FactTokens), a short text, or an
// old candidate is at most suggested, however high it scores.
public sealed class ClaimSimilarity(IEnumerable<ISimilarityMethod> methods, IOptionsSnapshot<SimilarityOptions> options, TimeProvider clock)
{
    public const int MaxLimit = 50;

    public async Task<IReadOnlyList<SimilarClaim>> FindAsync(
        string text, string? language, int limit, Guid? excludeClaimId, CancellationToken ct)
    {
        var method = Method();
        return Classify(text, await method.ScoreAsync(text, language, limit, excludeClaimId, ct), method.Name);
    }

    // The configured method's query as a statement of a caller's batch, when the method is one query (text); else null,
    // and the caller asks FindAsync.
    public NpgsqlBatchCommand? TryBatchedQuery(string text, string? language, int limit, Guid? excludeClaimId) =>
        Method() is TextSimilarity ? TextSimilarity.BatchCommand(text, language, limit, excludeClaimId) : null;

    // The tiers of what TryBatchedQuery's statement found (read with TextSimilarity.ReadAsync).
    public IReadOnlyList<SimilarClaim> Classify(string text, IReadOnlyList<ScoredClaim> scored) => Classify(text, scored, Method().Name);

    private ISimilarityMethod Method()
    {
        var settings = options.Value;
        return methods.FirstOrDefault(m => string.Equals(m.Name, settings.Method, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{SimilarityOptions.Section}:Method '{settings.Method}' is not a registered similarity method.");
    }

    private IReadOnlyList<SimilarClaim> Classify(string text, IReadOnlyList<ScoredClaim> scored, string methodName)
    {
        var settings = options.Value;
        return scored.Select(candidate => (Candidate: candidate, Method: candidate.Method ?? methodName))
            .Where(c => c.Candidate.Score >= settings.ThresholdsOf(c.Method).Suggested).Select(c =>
            {
                var demotions = Demotions(text, c.Candidate, settings).ToList();
                var tier = c.Candidate.Score >= settings.ThresholdsOf(c.Method).Confirmed && demotions.Count == 0 ? SimilarityTier.Confirmed : SimilarityTier.Suggested;
                return new SimilarClaim(c.Candidate.ClaimId, c.Candidate.Statement, Math.Round(c.Candidate.Score, 4), tier, c.Method, demotions);
            }).ToList();
    }

    private IEnumerable<string> Demotions(string text, ScoredClaim candidate, SimilarityOptions settings)
    {
        foreach (var kind in FactTokens.Differences(text, candidate.Statement))
            yield return $"differs_in_{kind.ToString().ToLowerInvariant()}";
        if (Math.Min(Tokenizer.Tokenize(text).Count, Tokenizer.Tokenize(candidate.Statement).Count) < settings.MinWords)
            yield return "short_text";
        if (settings.OldAfterDays > 0 && candidate.FirstReportedAt < clock.GetUtcNow().AddDays(-settings.OldAfterDays))
            yield return "old_claim";
    }
}
