using System.Globalization;
using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// GET /claims with the current run's estimates: each test loads a question of its own through an import and scores.
public sealed class ListClaimsByEstimateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ListClaims_ByQuestionSortedByProbability_PagesThroughTheEstimates()
    {
        var (question, truths) = await ScoredQuestionAsync(claims: 12);

        var seen = new List<ListClaims.Item>();
        for (var page = 1; page <= 3; page++)
            seen.AddRange((await ListAsync($"question={question}&sort=-probability&pageSize=5&page={page}")).Items);

        Assert.Equal(12, seen.Count);
        Assert.Equal(truths.Keys.Order(), seen.Select(c => c.Id).Order());
        Assert.Equal(seen.Select(c => truths[c.Id]), seen.Select(c => c.Probability!.Value));
        Assert.Equal(seen.Select(c => c.Probability).OrderDescending(), seen.Select(c => c.Probability));
        Assert.All(seen, c => Assert.Equal(question, c.Question));
        var ascending = await ListAsync($"question={question}&sort=probability&pageSize=100");
        Assert.Equal(seen.Select(c => c.Probability).Order(), ascending.Items.Select(c => c.Probability));
    }

    [Fact]
    public async Task ListClaims_ByProbabilityRange_ReturnsTheClaimsWhoseEstimateIsInIt()
    {
        var (question, truths) = await ScoredQuestionAsync(claims: 6);
        var middle = truths.Values.Order().ElementAt(2);
        var high = truths.Values.Max();

        var page = await ListAsync($"question={question}&minProbability={middle.ToString("R", CultureInfo.InvariantCulture)}&maxProbability={high.ToString("R", CultureInfo.InvariantCulture)}&pageSize=100");

        Assert.Equal(truths.Where(t => t.Value >= middle && t.Value <= high).Select(t => t.Key).Order(), page.Items.Select(c => c.Id).Order());
        Assert.Equal(page.Items.Count, page.Total);
    }

    [Fact]
    public async Task ListClaims_WithoutAnEstimate_ShowsNullAndNeverMatchesARange()
    {
        var tag = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(tag, topics: [$"unscored-{tag}"]));

        var all = await ListAsync($"topic=unscored-{tag}");
        var ranged = await ListAsync($"topic=unscored-{tag}&minProbability=0");

        Assert.Null(Assert.Single(all.Items, c => c.Id == claim.Id).Probability);
        Assert.Empty(ranged.Items);
    }

    [Theory]
    [InlineData("minProbability=1.5", "minProbability")]
    [InlineData("minProbability=-0.1", "minProbability")]
    [InlineData("maxProbability=2", "maxProbability")]
    [InlineData("maxProbability=NaN", "maxProbability")]
    [InlineData("minProbability=likely", "minProbability")]
    [InlineData("minProbability=0.8&maxProbability=0.2", "maxProbability")]
    [InlineData("sort=-truth", "sort")]
    public async Task ListClaims_WithAnInvalidEstimateQuery_Returns400NamingTheParameter(string query, string errorKey)
    {
        var response = await _client.GetAsync($"/claims?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Fact]
    public async Task ListClaims_WithAQuestionKeyOverTheLimit_Returns400NamingIt()
    {
        var response = await _client.GetAsync($"/claims?question={new string('q', 301)}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "question");
    }

    // A question whose claim i is affirmed by (i % 3) + 1 sources, after a run: its key and each claim's estimate,
    // as GET /claims/{id}/truth gives it.
    private async Task<(string Question, Dictionary<Guid, double> Truths)> ScoredQuestionAsync(int claims)
    {
        var tag = Unique();
        var question = $"estimates-{tag}";
        var lines = Enumerable.Range(0, claims).SelectMany(i => Enumerable.Range(0, i % 3 + 1).Select(s =>
            (object)new { source = $"Source {tag} {i} {s}", question, claim = $"Answer {i} {tag}", polarity = "affirms" }));
        await _client.PostAsync("/imports", Body(Ndjson([.. lines]), "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        await ScoringCalls.RunAsync(_client);
        var ids = (await ListAsync($"question={question}&pageSize=100")).Items.Select(c => c.Id).ToList();
        var truths = new Dictionary<Guid, double>();
        foreach (var id in ids)
            truths[id] = (await _client.GetOkAsync<Api.Features.Scoring.GetClaimTruth.Response>($"/claims/{id}/truth")).Probability!.Value;
        return (question, truths);
    }

    private Task<PagedList<ListClaims.Item>> ListAsync(string query) => _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?{query}");
}
