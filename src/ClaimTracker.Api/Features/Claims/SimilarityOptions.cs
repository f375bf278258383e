using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Claims;

// Configuration section ClaimTracker:Similarity (README "Similar claims"). Thresholds are per method because each
// method's scores spread differently: the text method's were calibrated on the labelled pairs in
// tests/ClaimTracker.Api.Tests/Similarity/claim-pairs.json.
public sealed class SimilarityOptions
{
    public const string Section = "ClaimTracker:Similarity";

    // Which ISimilarityMethod scores candidates, by its Name: "text" (trigram + full text) or "embedding" (sentence vectors).
    public string Method { get; set; } = TextSimilarity.MethodName;

    public Dictionary<string, TierThresholds> Thresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [TextSimilarity.MethodName] = new TierThresholds { Suggested = 0.4, Confirmed = 0.65 },
        [EmbeddingSimilarity.MethodName] = new TierThresholds { Suggested = 0.7, Confirmed = 0.9 },
    };

    public EmbeddingSettings Embedding { get; set; } = new();

    // A statement of fewer words than this matches too much by chance to be confirmed.
    public int MinWords { get; set; } = 5;

    // A candidate first reported longer ago than this is at most suggested (the same words may describe a newer
    // event); 0 keeps age out of it.
    public int OldAfterDays { get; set; }

    public TierThresholds ThresholdsOf(string method) =>
        Thresholds.TryGetValue(method, out var thresholds) ? thresholds : throw new InvalidOperationException(
            $"{Section}:Thresholds:{method} is not configured: set Suggested and Confirmed for the method.");

    public sealed class EmbeddingSettings
    {
        // How often the backfill looks for claims without a vector (it also runs at start-up and after an import);
        // 0 turns it off, leaving those claims to the text method.
        public int BackfillSeconds { get; set; } = 300;

        // ONNX Runtime threads per embedding call; unset uses every core.
        public int? Threads { get; set; }
    }

    public sealed class TierThresholds
    {
        public double Suggested { get; set; }
        public double Confirmed { get; set; }
    }

    public sealed class Validation : IValidateOptions<SimilarityOptions>
    {
        public ValidateOptionsResult Validate(string? name, SimilarityOptions options)
        {
            var bad = options.Thresholds.Where(t => t.Value.Suggested is < 0 or > 1 || t.Value.Confirmed < t.Value.Suggested || t.Value.Confirmed > 1)
                .Select(t => $"{Section}:Thresholds:{t.Key}: 0 <= Suggested <= Confirmed <= 1.").ToList();
            if (!options.Thresholds.ContainsKey(options.Method)) bad.Add($"{Section}:Thresholds has no entry for Method '{options.Method}'.");
            // The embedding method answers non-English claims and claims without a vector with the text method's scores.
            if (!options.Thresholds.ContainsKey(TextSimilarity.MethodName)) bad.Add($"{Section}:Thresholds has no entry for '{TextSimilarity.MethodName}'.");
            if (options.Embedding.BackfillSeconds < 0 || options.Embedding.Threads < 1) bad.Add($"{Section}:Embedding: BackfillSeconds is 0 or more, Threads 1 or more.");
            if (options.MinWords < 0 || options.OldAfterDays < 0) bad.Add($"{Section}: MinWords and OldAfterDays are 0 or more.");
            return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
        }
    }
}
