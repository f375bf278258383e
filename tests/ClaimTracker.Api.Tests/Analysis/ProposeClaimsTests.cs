using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Analysis;

public sealed class ProposeClaimsTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ProposeClaims_ForAStoredArticleWithoutBody_Returns409()
    {
        var article = await _client.PostJsonAsync("/articles", Requests.Article($"https://news.test/{Requests.Unique()}", Requests.Slug("ndtv")))
            .ExpectAsync<Features.Articles.ArticleResponse>(HttpStatusCode.Created);

        var response = await _client.GetAsync($"/articles/{article.Id}/proposals");

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ProposeClaims_ForAnUnknownArticle_Returns404() =>
        await (await _client.GetAsync($"/articles/{Guid.CreateVersion7()}/proposals")).AssertProblemAsync(HttpStatusCode.NotFound);
}
