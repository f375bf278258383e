using System.Net;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Articles;

public sealed class GetArticleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task GetArticle_ById_ReturnsIt()
    {
        var suffix = Unique();
        var created = await _client.PostJsonAsync("/articles", new
        {
            url = $"https://www.ndtv.com/world-news/kim-{suffix}",
            title = "North Korea's Kim Jong Un \"Appears\" To Have Set Off For Russia: Report",
            publisher = Inline($"NDTV {suffix}", "outlet"),
            syndicatedFrom = Inline($"AFP {suffix}", "wire_agency"),
            publishedAt = "2023-09-11T11:30:00+05:30",
            language = "en",
        }).ExpectAsync<ArticleResponse>(HttpStatusCode.Created);

        var fetched = await _client.GetOkAsync<ArticleResponse>($"/articles/{created.Id}");

        Assert.Equal(created, fetched);
        Assert.Equal(($"ndtv-{suffix}", $"afp-{suffix}", "en"), (fetched.Publisher.Slug, fetched.SyndicatedFrom?.Slug, fetched.Language));
        Assert.Equal(new DateTimeOffset(2023, 9, 11, 6, 0, 0, TimeSpan.Zero), fetched.PublishedAt);
    }

    [Theory]
    [InlineData("0193a000-0000-7000-8000-000000000001")]
    [InlineData("kim-train")]
    public async Task GetArticle_Unknown_Returns404Problem(string id)
    {
        var response = await _client.GetAsync($"/articles/{id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
