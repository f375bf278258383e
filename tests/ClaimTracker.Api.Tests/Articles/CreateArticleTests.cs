using System.Net;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Articles;

// A URL names one article: the same URL written another way finds the stored one.
public sealed class CreateArticleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("https://www.ndtv.com/world-news/kim-{0}")]
    [InlineData("https://WWW.NDTV.com/world-news/kim-{0}")]
    [InlineData("HTTPS://www.ndtv.com/world-news/kim-{0}")]
    [InlineData("https://www.ndtv.com/world-news/kim-{0}/")]
    [InlineData("https://www.ndtv.com/world-news/kim-{0}#comments")]
    [InlineData("https://www.ndtv.com/world-news/kim-{0}?utm_source=twitter&utm_medium=social")]
    [InlineData("https://www.ndtv.com/world-news/kim-{0}?fbclid=IwAR0x")]
    [InlineData("https://www.ndtv.com:443/world-news/kim-{0}")]
    public async Task CreateArticle_AtAKnownUrl_Returns200WithTheStoredArticleUnchanged(string variant)
    {
        var suffix = Unique();
        var url = $"https://www.ndtv.com/world-news/kim-{suffix}";
        var first = await _client.PostJsonAsync("/articles", Article(url, Inline($"NDTV {suffix}", "outlet"), "Kim appears to have set off"));
        await first.AssertStatusAsync(HttpStatusCode.Created);
        var created = await first.ReadAsync<ArticleResponse>();

        var again = await _client.PostJsonAsync("/articles",
            Article(string.Format(variant, suffix), Inline($"NDTV {suffix}", "outlet"), "A different title"));

        await again.AssertStatusAsync(HttpStatusCode.OK);
        var stored = await again.ReadAsync<ArticleResponse>();
        Assert.Equal($"/articles/{created.Id}", first.Headers.Location?.OriginalString);
        Assert.Equal((url, "Kim appears to have set off"), (created.Url, created.Title));
        Assert.Equal(created, stored);
    }

    [Theory]
    [InlineData("https://www.ndtv.com/World-News/kim-{0}")]
    [InlineData("https://www.ndtv.com/world-news/kim-{0}?page=2")]
    [InlineData("https://www.ndtv.com:8443/world-news/kim-{0}")]
    [InlineData("https://ndtv.com/world-news/kim-{0}")]
    public async Task CreateArticle_AtADifferentUrl_CreatesAnotherArticle(string other)
    {
        var suffix = Unique();
        var publisher = Inline($"NDTV {suffix}", "outlet");
        var first = await _client.PostJsonAsync("/articles", Article($"https://www.ndtv.com/world-news/kim-{suffix}", publisher))
            .ExpectAsync<ArticleResponse>(HttpStatusCode.Created);

        var second = await _client.PostJsonAsync("/articles", Article(string.Format(other, suffix), publisher))
            .ExpectAsync<ArticleResponse>(HttpStatusCode.Created);

        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory]
    [InlineData("url", null, "url")]
    [InlineData("url", "\"not a url\"", "url")]
    [InlineData("url", "\"ftp://known.test/kim-train\"", "url")]
    [InlineData("title", "\"\"", "title")]
    [InlineData("publisher", null, "publisher")]
    [InlineData("publisher", UnscopedAnonymous, "publisher.scope")]
    [InlineData("publishedAt", null, "publishedAt")]
    [InlineData("publishedAt", FarFuture, "publishedAt")]
    [InlineData("publishedAt", BeforePrinting, "publishedAt")]
    [InlineData("publishedAt", "\"yesterday\"", "$.publishedAt")]
    [InlineData("language", "\"English!\"", "language")]
    [InlineData("publisher", """{"name":"New Outlet","kind":"outlet","aliases":[""]}""", "publisher.aliases[0]")]
    public async Task CreateArticle_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /articles");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("publisher", NoSuchSource, "publisher.slug")]
    [InlineData("syndicatedFrom", NoSuchSource, "syndicatedFrom.slug")]
    public async Task CreateArticle_NamingSomethingUnknown_Returns404NamingTheField(string field, string json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /articles");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, errorKey);
    }
}
