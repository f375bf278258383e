using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Claims;

// Writes claim_embeddings: the one place every path that brings statements in calls (RecordClaim inline, imports through
// the backfill). Does nothing unless ClaimTracker:Similarity:Method is "embedding", so the text method never loads the
// model. Every claim gets a vector whatever its language: the language is decided when searching (EmbeddingSimilarity),
// and it can change as reports arrive.
public sealed class ClaimEmbeddings(
    ClaimTrackerDbContext db, SentenceEmbedder embedder, IOptionsMonitor<SimilarityOptions> options, EmbeddingBackfill.Signal backfill, TimeProvider clock)
{
    public const int BatchSize = 32;

    // The vectors of this scope's texts: recording a claim embeds its statement once, for the search and for the row.
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public bool Enabled => string.Equals(options.CurrentValue.Method, EmbeddingSimilarity.MethodName, StringComparison.OrdinalIgnoreCase);

    public float[] VectorOf(string text)
    {
        if (!_vectors.TryGetValue(text, out var vector)) _vectors[text] = vector = HasWords(text) ? embedder.Embed(text) : Nothing;
        return vector;
    }

    // A text the model is shown nothing of (only invisible characters) gets the zero vector, similar to nothing: the
    // embedder refuses it, and a claim left without a row would come back to the backfill for ever.
    private static readonly float[] Nothing = new float[SentenceEmbedder.Dimensions];

    private static bool HasWords(string text) => EmbeddingText.Normalise(text).Length > 0;

    // A few claims are embedded now, in the caller's transaction, so the next search compares them by vector; more than a
    // batch (an import) would hold the request for seconds, so the backfill is woken to do them instead.
    public async Task EnsureAsync(IReadOnlyCollection<Guid> claimIds, CancellationToken ct)
    {
        if (!Enabled || claimIds.Count == 0) return;
        if (claimIds.Count > BatchSize)
        {
            backfill.Wake();
            return;
        }
        await EmbedAsync(await MissingAsync(claimIds.ToArray(), BatchSize, ct), ct);
    }

    // For writers that create claims set-based and do not know their ids (the assertion import).
    public void StatementsArrived()
    {
        if (Enabled) backfill.Wake();
    }

    // One backfill step: embeds up to a batch of live claims without a vector of the running model version.
    public async Task<int> FillBatchAsync(CancellationToken ct)
    {
        var missing = await MissingAsync(null, BatchSize, ct);
        await EmbedAsync(missing, ct);
        return missing.Count;
    }

    public async Task<int> CountMissingAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM claims c
            LEFT JOIN claim_embeddings e ON e.claim_id = c.id AND e.model_version = {SentenceEmbedder.ModelVersion}
            WHERE e.claim_id IS NULL AND c.merged_into_id IS NULL
            """).SingleAsync(ct);

    private async Task<List<Pending>> MissingAsync(Guid[]? claimIds, int limit, CancellationToken ct) =>
        await db.Database.SqlQuery<Pending>($"""
            SELECT c.id AS claim_id, c.statement FROM claims c
            LEFT JOIN claim_embeddings e ON e.claim_id = c.id AND e.model_version = {SentenceEmbedder.ModelVersion}
            WHERE e.claim_id IS NULL AND c.merged_into_id IS NULL AND ({claimIds}::uuid[] IS NULL OR c.id = ANY({claimIds}::uuid[]))
            ORDER BY c.id
            LIMIT {limit}
            """).ToListAsync(ct);

    private async Task EmbedAsync(IReadOnlyList<Pending> statements, CancellationToken ct)
    {
        if (statements.Count == 0) return;
        foreach (var blank in statements.Where(s => !HasWords(s.Statement))) _vectors[blank.Statement] = Nothing;
        var pending = statements.Where(s => !_vectors.ContainsKey(s.Statement)).ToList();
        float[][] computed = pending.Count == 0 ? [] : embedder.Embed(pending.Select(s => s.Statement).ToList(), ct);
        for (var i = 0; i < pending.Count; i++) _vectors[pending[i].Statement] = computed[i];
        var now = clock.GetUtcNow();
        foreach (var statement in statements)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO claim_embeddings (claim_id, model_version, vector, created_at)
                VALUES ({statement.ClaimId}, {SentenceEmbedder.ModelVersion}, {_vectors[statement.Statement]}, {now})
                ON CONFLICT (claim_id) DO UPDATE SET model_version = excluded.model_version, vector = excluded.vector, created_at = excluded.created_at
                """, ct);
    }

    private sealed record Pending(Guid ClaimId, string Statement);
}
