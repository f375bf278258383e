using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Embeddings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Api.Tests.Infrastructure;

// The API with ClaimTracker:Similarity:Method = "embedding". The background backfill is off unless a fixture turns it on,
// so a test decides when claims without a vector get one (FillEmbeddingsAsync runs the backfill's own step).
public class EmbeddingApiFactory : ApiFactory
{
    // One model per test process (about 350 MB): every fixture's API shares it, and no container owns it.
    public static readonly SentenceEmbedder SharedEmbedder = new(threads: 1);

    protected virtual int BackfillSeconds => 0;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{SimilarityOptions.Section}:Method"] = EmbeddingSimilarity.MethodName,
        [$"{SimilarityOptions.Section}:Embedding:BackfillSeconds"] = BackfillSeconds.ToString(),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(SharedEmbedder));
    }

    // Gives every claim without a current vector one, as the backfill would; answers how many it embedded.
    public async Task<int> FillEmbeddingsAsync()
    {
        var total = 0;
        while (true)
        {
            await using var scope = Services.CreateAsyncScope();
            var filled = await scope.ServiceProvider.GetRequiredService<ClaimEmbeddings>().FillBatchAsync(CancellationToken.None);
            if (filled == 0) return total;
            total += filled;
        }
    }
}

public sealed class SeededEmbeddingApiFactory : EmbeddingApiFactory
{
    protected override bool WithSampleStory => true;
}

public sealed class BackfillingEmbeddingApiFactory : EmbeddingApiFactory
{
    protected override int BackfillSeconds => 1;
}
