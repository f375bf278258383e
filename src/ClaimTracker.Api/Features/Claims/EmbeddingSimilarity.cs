using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Claims;

// Cosine of sentence-embedding vectors (all-MiniLM-L6-v2, docs/similarity-embeddings.md): finds paraphrases that share
// few words. The model is English-only, so English (or unlabelled) claims are compared by vector and every other claim by
// the text method, as are claims still waiting for the backfill; those candidates keep the text method's score and
// thresholds (Method "text" in the answer). The vector scan reads every row (no pgvector here): O(claims), README.
public sealed class EmbeddingSimilarity(
    ClaimTrackerDbContext db, ClaimEmbeddings embeddings, TextSimilarity textMethod, IOptionsSnapshot<SimilarityOptions> options) : ISimilarityMethod
{
    public const string MethodName = "embedding";

    public string Name => MethodName;

    public async Task<IReadOnlyList<ScoredClaim>> ScoreAsync(string text, string? language, int limit, Guid? excludeClaimId, CancellationToken ct)
    {
        var byText = (await textMethod.ScoreAsync(text, language, limit, excludeClaimId, ct))
            .Select(c => c with { Method = TextSimilarity.MethodName }).ToList();
        if (!IsEnglish(language)) return byText;

        var vector = embeddings.VectorOf(text);
        var byVector = await db.Database.SqlQuery<Row>($"""
            SELECT c.id AS claim_id, c.statement, c.first_reported_at, claim_embedding_cosine(e.vector, {vector}) AS score
            FROM claim_embeddings e
            JOIN claims c ON c.id = e.claim_id
            LEFT JOIN claim_search s ON s.claim_id = c.id
            WHERE e.model_version = {SentenceEmbedder.ModelVersion} AND c.merged_into_id IS NULL AND c.id IS DISTINCT FROM {excludeClaimId}::uuid
              AND (s.language IS NULL OR s.language = 'en')
            ORDER BY score DESC, c.id
            LIMIT {limit}
            """).ToListAsync(ct);

        // A text candidate that has a vector was scored by it (and ranks below the vector candidates when it is not among them).
        var textIds = byText.Select(c => c.ClaimId).ToArray();
        var compared = (await db.Database.SqlQuery<Guid>($"""
            SELECT e.claim_id AS "Value" FROM claim_embeddings e LEFT JOIN claim_search s ON s.claim_id = e.claim_id
            WHERE e.claim_id = ANY({textIds}) AND e.model_version = {SentenceEmbedder.ModelVersion} AND (s.language IS NULL OR s.language = 'en')
            """).ToListAsync(ct)).ToHashSet();

        var settings = options.Value;
        return byVector.Select(r => new ScoredClaim(r.ClaimId, r.Statement, Math.Clamp(r.Score, 0, 1), r.FirstReportedAt))
            .Concat(byText.Where(c => !compared.Contains(c.ClaimId)))
            .OrderByDescending(c => OnVectorScale(c, settings)).ThenBy(c => c.ClaimId)
            .Take(limit).ToList();
    }

    // English is the model's language; a claim or text whose language nobody gave is taken to be English too.
    public static bool IsEnglish(string? language) =>
        language is null || language.Split('-')[0].Equals("en", StringComparison.OrdinalIgnoreCase);

    // Orders text scores among cosines by where they stand against their own thresholds: a text score at the text method's
    // suggested (confirmed) threshold ranks with a cosine at the embedding method's suggested (confirmed) threshold.
    private static double OnVectorScale(ScoredClaim candidate, SimilarityOptions settings)
    {
        if (candidate.Method is null) return candidate.Score;
        var from = settings.ThresholdsOf(candidate.Method);
        var to = settings.ThresholdsOf(MethodName);
        return Interpolate(candidate.Score, [0, from.Suggested, from.Confirmed, 1], [0, to.Suggested, to.Confirmed, 1]);
    }

    private static double Interpolate(double x, double[] xs, double[] ys)
    {
        for (var i = 1; i < xs.Length; i++)
            if (x <= xs[i] || i == xs.Length - 1)
                return xs[i] == xs[i - 1] ? ys[i] : ys[i - 1] + (x - xs[i - 1]) * (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]);
        return x;
    }

    private sealed record Row(Guid ClaimId, string Statement, DateTimeOffset FirstReportedAt, double Score);
}
