using System.Net;
using System.Text.Json;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// Each test words its claims around a word of its own, so that other tests' claims in the shared database never match.
public sealed class SimilarClaimsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static object ClaimOf(string statement, string? onSimilar = null) => new
    {
        statement, onSimilar,
        report = Report(Article($"https://news.test/similar/{Unique()}", Inline($"Outlet {Unique()}", "outlet")), [Link(Inline($"Official {Unique()}", "official"))]),
    };

    private static string Word() => "Zorbatov" + Unique()[..5];

    private Task<FindSimilarClaims.Response> FindAsync(string text) =>
        _client.PostJsonAsync("/claims/similar", new { text }).ExpectAsync<FindSimilarClaims.Response>(HttpStatusCode.OK);

    [Fact]
    public async Task FindSimilar_Paraphrase_FindsTheClaimFirstWithScoreTierAndMethod()
    {
        var word = Word();
        var stored = await _client.RecordClaimAsync(ClaimOf($"The {word} armoured train has departed for the border station"));

        var found = await FindAsync($"The armoured {word} train departed for the border station");

        var best = found.Claims[0];
        Assert.Equal(stored.Id, best.Id);
        Assert.Equal((SimilarityTier.Confirmed, "text"), (best.Tier, best.Method));
        Assert.InRange(best.Score, 0.65, 1);
    }

    [Theory]
    [InlineData("The {0} summit will open on Wednesday 13 September 2023", "The {0} summit will open on Thursday 14 September 2023")]
    [InlineData("The {0} ministry shipped 2,000 artillery shells to the front", "The {0} ministry shipped 20,000 artillery shells to the front")]
    public async Task FindSimilar_DifferingOnlyInDateOrNumber_IsSuggestedWithTheReason(string storedText, string query)
    {
        var word = Word();
        var stored = await _client.RecordClaimAsync(ClaimOf(string.Format(storedText, word)));

        var match = Assert.Single((await FindAsync(string.Format(query, word))).Claims, c => c.Id == stored.Id);

        Assert.Equal(SimilarityTier.Suggested, match.Tier);
        Assert.Contains(match.Demotions, d => d is "differs_in_number" or "differs_in_weekday");
    }

    [Fact]
    public async Task GetSimilar_LeavesTheClaimItselfOutAndFindsItsParaphrase()
    {
        var word = Word();
        var first = await _client.RecordClaimAsync(ClaimOf($"The {word} delegation arrived in the capital by armoured train"));
        var second = await _client.RecordClaimAsync(ClaimOf($"The {word} delegation reached the capital by armoured train"));

        var similar = await _client.GetOkAsync<FindSimilarClaims.Response>($"/claims/{first.Id}/similar?limit=5");

        Assert.DoesNotContain(similar.Claims, c => c.Id == first.Id);
        Assert.Equal(second.Id, similar.Claims[0].Id);
    }

    [Fact]
    public async Task RecordClaim_AnswersItsSimilarClaims()
    {
        var word = Word();
        var stored = await _client.RecordClaimAsync(ClaimOf($"The {word} convoy crossed the river bridge at dawn"));

        var recorded = await _client.RecordClaimAsync(ClaimOf($"At dawn the {word} convoy crossed the river bridge"));

        Assert.Contains(recorded.Similar!, c => c.Id == stored.Id && c.Tier == SimilarityTier.Confirmed);
    }

    [Fact]
    public async Task RecordClaim_OnSimilarRejectWithAConfirmedMatch_Is409NamingItAndWritesNothing()
    {
        var word = Word();
        var stored = await _client.RecordClaimAsync(ClaimOf($"The {word} convoy crossed the river bridge at dawn"));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", ClaimOf($"At dawn the {word} convoy crossed the river bridge", "reject")));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(stored.Id, problem.RootElement.GetProperty("existingId").GetGuid());
        Assert.Equal($"/claims/{stored.Id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RecordClaim_OnSimilarRejectWithOnlyADateNearMiss_RecordsTheClaim()
    {
        var word = Word();
        await _client.RecordClaimAsync(ClaimOf($"The {word} talks will open on Wednesday 13 September 2023"));

        var recorded = await _client.RecordClaimAsync(ClaimOf($"The {word} talks will open on Wednesday 13 September 2024", "reject"));

        Assert.All(recorded.Similar!, c => Assert.Equal(SimilarityTier.Suggested, c.Tier));
    }

    [Theory]
    [InlineData("""{"text": ""}""", "text")]
    [InlineData("""{"text": "A claim", "limit": 0}""", "limit")]
    [InlineData("""{"text": "A claim", "limit": 51}""", "limit")]
    [InlineData("""{"text": "A claim", "language": "not a tag!"}""", "language")]
    public async Task FindSimilar_BadInput_Is400NamingTheField(string body, string field)
    {
        var response = await _client.PostAsync("/claims/similar", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task GetSimilar_BadLimitOrUnknownClaim_Is4xx()
    {
        var claim = await _client.RecordClaimAsync(ClaimOf($"The {Word()} ferry sailed"));

        await (await _client.GetAsync($"/claims/{claim.Id}/similar?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await _client.GetAsync($"/claims/{Guid.NewGuid()}/similar")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

// Demotions that depend on configuration: a candidate first reported longer ago than OldAfterDays is at most suggested.
public sealed class SimilarOldClaimsTests(SimilarOldClaimsTests.Factory api) : IClassFixture<SimilarOldClaimsTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { [$"{SimilarityOptions.Section}:OldAfterDays"] = "30" };
    }

    private readonly HttpClient _client = api.CreateClient();

    private static object ClaimOf(string statement, string reportedAt) => new
    {
        statement,
        report = Report(Article($"https://news.test/old/{Unique()}", Inline($"Outlet {Unique()}", "outlet")), [Link(Inline($"Official {Unique()}", "official"))],
            reportedAt: reportedAt),
    };

    [Fact]
    public async Task FindSimilar_OldCandidateOrShortText_IsSuggestedWithTheReason()
    {
        var word = "Varnholt" + Unique()[..5];
        var old = await _client.RecordClaimAsync(ClaimOf($"The {word} ferry sank near the harbour entrance in heavy fog", "2023-09-11T08:00:00Z"));
        var recent = await _client.RecordClaimAsync(ClaimOf($"{word} tugboat ran aground", DateTimeOffset.UtcNow.AddDays(-1).ToString("O")));

        var byOld = await _client.PostJsonAsync("/claims/similar", new { text = $"In heavy fog the {word} ferry sank near the harbour entrance" })
            .ExpectAsync<FindSimilarClaims.Response>(HttpStatusCode.OK);
        var byShort = await _client.PostJsonAsync("/claims/similar", new { text = $"{word} tugboat ran aground" })
            .ExpectAsync<FindSimilarClaims.Response>(HttpStatusCode.OK);

        var oldMatch = Assert.Single(byOld.Claims, c => c.Id == old.Id);
        Assert.Equal(SimilarityTier.Suggested, oldMatch.Tier);
        Assert.Equal(["old_claim"], oldMatch.Demotions);
        var shortMatch = Assert.Single(byShort.Claims, c => c.Id == recent.Id);
        Assert.Equal(SimilarityTier.Suggested, shortMatch.Tier);
        Assert.Equal(["short_text"], shortMatch.Demotions);
        Assert.True(shortMatch.Score >= 0.65, $"The short text scored {shortMatch.Score}: it is demoted, not below the threshold.");
    }
}
