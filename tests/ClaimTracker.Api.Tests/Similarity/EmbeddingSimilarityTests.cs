using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Embeddings;
using Microsoft.Extensions.DependencyInjection;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Similarity;

// The embedding method against a database of its own (each test's claims are about a topic no other test uses). The
// backfill is off here, so claims created without a vector stay without one until a test fills them.
public sealed class EmbeddingSimilarityTests(EmbeddingApiFactory api) : IClassFixture<EmbeddingApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static object ClaimOf(string statement, string language = "en") => new
    {
        statement,
        report = Report(ArticleIn(language), [Link(Inline($"Official {Unique()}", "official"))], quote: statement),
    };

    private static object ArticleIn(string language) => new
    {
        url = $"https://news.test/vectors/{Unique()}", title = "News", publisher = Inline($"Outlet {Unique()}", "outlet"),
        publishedAt = "2026-11-20T09:00:00Z", language,
    };

    private static Task<FindSimilarClaims.Response> FindAsync(HttpClient client, string text, string? language = null) =>
        client.PostJsonAsync("/claims/similar", new { text, language, limit = 10 }).ExpectAsync<FindSimilarClaims.Response>(HttpStatusCode.OK);

    private static int RankOf(FindSimilarClaims.Response found, Guid id) =>
        found.Claims.Select(c => c.Id).ToList().IndexOf(id) is var rank and >= 0 ? rank : int.MaxValue;

    [Theory]
    [InlineData("The river's water level is the lowest in a century.", "Water in the river has not been this low for a hundred years.",
        "The price of bottled water in the city has not changed for years.")]
    [InlineData("The company laid off 1,200 workers at its Detroit plant.", "1,200 employees lost their jobs at the firm's Detroit factory.",
        "The firm's Detroit factory hired 1,200 employees to build its new jobs programme.")]
    public async Task FindSimilar_ParaphraseWithFewSharedWords_RanksAboveWhatTheTextMethodRanks(string statement, string paraphrase, string sharesWords)
    {
        var claim = await _client.RecordClaimAsync(ClaimOf(statement));
        await _client.RecordClaimAsync(ClaimOf(sharesWords));
        using var textApi = api.AnotherInstance(new Dictionary<string, string?> { [$"{SimilarityOptions.Section}:Method"] = TextSimilarity.MethodName });

        var byVector = await FindAsync(_client, paraphrase);
        var byText = await FindAsync(textApi.CreateClient(), paraphrase);

        Assert.Equal((claim.Id, EmbeddingSimilarity.MethodName), (byVector.Claims[0].Id, byVector.Claims[0].Method));
        Assert.True(RankOf(byText, claim.Id) > RankOf(byVector, claim.Id),
            $"The text method ranked the paraphrase's claim {RankOf(byText, claim.Id)}, as high as the embedding method.");
    }

    [Fact]
    public async Task FindSimilar_NearMissWithAnotherNumber_IsNeverConfirmedHoweverHighItScores()
    {
        var claim = await _client.RecordClaimAsync(ClaimOf("The shipyard in Gdansk laid off 1,200 welders in October."));

        var found = await FindAsync(_client, "The shipyard in Gdansk laid off 200 welders in October.");

        var match = Assert.Single(found.Claims, c => c.Id == claim.Id);
        Assert.Equal((SimilarityTier.Suggested, EmbeddingSimilarity.MethodName), (match.Tier, match.Method));
        Assert.Contains("differs_in_number", match.Demotions);
    }

    [Fact]
    public async Task RecordClaim_WritesTheVectorOfTheRunningModelVersion()
    {
        var claim = await _client.RecordClaimAsync(ClaimOf("The lighthouse keeper on Skye retired after forty years of service."));

        var rows = await api.QueryAsync("SELECT model_version, array_length(vector, 1) FROM claim_embeddings WHERE claim_id = @id", claim.Id);

        Assert.Equal([SentenceEmbedder.ModelVersion, SentenceEmbedder.Dimensions], Assert.Single(rows));
    }

    [Fact]
    public async Task Backfill_ImportedClaimsAreFoundByTextUntilFilledThenByVector()
    {
        var tag = Unique();
        var statement = $"Wildfires near Marseille forced 3,000 campers to leave their tents {tag}";
        var import = await api.ImportClient().PostAsync($"/imports?name=vectors-{tag}.ndjson",
            ImportCalls.Body(ImportCalls.Ndjson(new { source = $"Wire {tag}", claim = statement, polarity = "affirms" }), "application/x-ndjson"));
        await import.AssertStatusAsync(HttpStatusCode.Created);
        var id = (Guid)Assert.Single(await api.QueryAsync("SELECT id FROM claims WHERE statement = @s", statement))[0]!;
        Assert.Empty(await api.QueryAsync("SELECT 1 FROM claim_embeddings WHERE claim_id = @id", id));

        var before = await FindAsync(_client, $"3,000 campers had to leave their tents near Marseille because of wildfires {tag}");
        Assert.Equal(TextSimilarity.MethodName, Assert.Single(before.Claims, c => c.Id == id).Method);

        Assert.True(await api.FillEmbeddingsAsync() >= 1);
        var after = await FindAsync(_client, $"3,000 campers had to leave their tents near Marseille because of wildfires {tag}");
        Assert.Equal(EmbeddingSimilarity.MethodName, Assert.Single(after.Claims, c => c.Id == id).Method);
    }

    [Fact]
    public async Task FindSimilar_VectorsOfAnotherModelVersion_AreIgnoredUntilReembedded()
    {
        var claim = await _client.RecordClaimAsync(ClaimOf("The ferry between Dover and Calais was cancelled because of a strike by harbour pilots."));
        await api.QueryAsync("UPDATE claim_embeddings SET model_version = 'an older model' WHERE claim_id = @id", claim.Id);
        const string query = "A strike by harbour pilots cancelled the Dover to Calais ferry.";

        var stale = await FindAsync(_client, query);
        Assert.Equal(TextSimilarity.MethodName, Assert.Single(stale.Claims, c => c.Id == claim.Id).Method);

        await api.FillEmbeddingsAsync();
        Assert.Equal(EmbeddingSimilarity.MethodName, Assert.Single((await FindAsync(_client, query)).Claims, c => c.Id == claim.Id).Method);
        Assert.Equal(SentenceEmbedder.ModelVersion,
            Assert.Single(await api.QueryAsync("SELECT model_version FROM claim_embeddings WHERE claim_id = @id", claim.Id))[0]);
    }

    [Fact]
    public async Task FindSimilar_InAnotherLanguage_FallsBackToTheTextMethod()
    {
        var claim = await _client.RecordClaimAsync(ClaimOf("O governo vai aumentar o salário mínimo em cinco por cento no próximo ano", "pt"));

        var found = await FindAsync(_client, "O governo vai aumentar o salário mínimo no próximo ano", "pt");

        Assert.All(found.Claims, c => Assert.Equal(TextSimilarity.MethodName, c.Method));
        Assert.Contains(found.Claims, c => c.Id == claim.Id);
    }
}

// The hosted backfill: an import wakes it, and it gives the imported claims their vectors without anyone asking.
public sealed class EmbeddingBackfillTests(BackfillingEmbeddingApiFactory api) : IClassFixture<BackfillingEmbeddingApiFactory>
{
    [Fact]
    public async Task Import_WakesTheBackfill_WhichEmbedsTheNewClaims()
    {
        var tag = Unique();
        var statement = $"The night train from Vienna to Venice now stops in Ljubljana {tag}";
        var import = await api.ImportClient().PostAsync($"/imports?name=backfill-{tag}.ndjson",
            ImportCalls.Body(ImportCalls.Ndjson(new { source = $"Wire {tag}", claim = statement, polarity = "affirms" }), "application/x-ndjson"));
        await import.AssertStatusAsync(HttpStatusCode.Created);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<object?[]> rows;
        do
        {
            await Task.Delay(100);
            rows = await api.QueryAsync(
                "SELECT e.model_version FROM claim_embeddings e JOIN claims c ON c.id = e.claim_id WHERE c.statement = @s", statement);
        } while (rows.Count == 0 && clock.Elapsed < TimeSpan.FromSeconds(60));

        Assert.Equal(SentenceEmbedder.ModelVersion, Assert.Single(rows)[0]);
    }
}

// The default method costs nothing: recording a claim neither loads the model nor writes a vector.
public sealed class TextMethodEmbeddingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RecordClaim_WithTheTextMethod_LoadsNoModelAndWritesNoVector()
    {
        var claim = await api.CreateClient().RecordClaimAsync(Claim($"The harbour of Valletta closed for a regatta {Unique()}",
            Report(Article($"https://news.test/text/{Unique()}", Inline($"Outlet {Unique()}", "outlet")), [Link(Inline($"Official {Unique()}", "official"))])));

        Assert.Empty(await api.QueryAsync("SELECT 1 FROM claim_embeddings WHERE claim_id = @id", claim.Id));
        Assert.False(api.Services.GetRequiredService<SentenceEmbedder>().IsLoaded);
    }
}
