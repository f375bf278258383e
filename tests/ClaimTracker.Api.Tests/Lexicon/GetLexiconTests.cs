using System.Net;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Tests.Lexicon;

public sealed class GetLexiconTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Lexicon_MarksTheTermEachPhraseTakesItsProbabilityFrom()
    {
        var lexicon = await _client.GetOkAsync<GetLexicon.Response>("/lexicon");

        Assert.Equal(HedgeMatcher.ScalePrecedence, lexicon.ScalePrecedence);
        var appears = Assert.Single(lexicon.Terms, t => t.Phrase == "appears");
        Assert.Equal(("claimtracker", CueCategory.Evidential, 0.7, true), (appears.Scale, appears.Category, appears.Probability, appears.Preferred));
        var likely = lexicon.Terms.Where(t => t.Phrase == "likely").ToList();
        Assert.Equal(["probly-perceptions"], likely.Where(t => t.Preferred).Select(t => t.Scale));
        Assert.Equal(["icd-203", "phia"], likely.Where(t => !t.Preferred).Select(t => t.Scale).Order());
    }

    [Theory]
    [InlineData("category=attribution", "according to")]
    [InlineData("scale=phia", "realistic possibility")]
    [InlineData("category=estimative&scale=kent-1964", "chances about even")]
    [InlineData("phrase=LIKELY", "highly likely")]
    public async Task Lexicon_Filtered_ReturnsOnlyMatchingTerms(string query, string includes)
    {
        var all = await _client.GetOkAsync<GetLexicon.Response>("/lexicon");

        var filtered = await _client.GetOkAsync<GetLexicon.Response>($"/lexicon?{query}");

        var filters = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var expected = all.Terms.Where(t =>
            (!filters.TryGetValue("category", out var category) || t.Category.ToString().Equals(category, StringComparison.OrdinalIgnoreCase))
            && (!filters.TryGetValue("scale", out var scale) || t.Scale == scale)
            && (!filters.TryGetValue("phrase", out var phrase) || t.Phrase.Contains(phrase, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(expected.Select(t => t.Id).Order(), filtered.Terms.Select(t => t.Id).Order());
        Assert.Contains(includes, filtered.Terms.Select(t => t.Phrase));
        Assert.True(filtered.Terms.Count < all.Terms.Count);
    }

    [Theory]
    [InlineData("scale=ICD%20203", "scale")]
    [InlineData("language=English!", "language")]
    [InlineData("includeRetired=maybe", "includeRetired")]
    [InlineData("category=hedge", "category")]
    public async Task Lexicon_WithAnInvalidFilter_Returns400NamingIt(string query, string errorKey)
    {
        var response = await _client.GetAsync($"/lexicon?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("/lexicon/terms/0193a000-0000-7000-8000-000000000001")]
    [InlineData("/lexicon/versions/100000")]
    [InlineData("/lexicon/versions/latest")]
    public async Task Read_OfSomethingUnknown_Returns404Problem(string url)
    {
        var response = await _client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
