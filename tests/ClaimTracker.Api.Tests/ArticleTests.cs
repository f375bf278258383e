using System.Net;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests;

public sealed class ArticleTests(ApiFactory api) : IClassFixture<ApiFactory>
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

    // The syndicated article NDTV <- AFP, with the chain the caller gives and the chain the report must end up with.
    [Theory]
    [InlineData("official,yonhap", "official:origin,yonhap:relay,afp:relay,ndtv:publisher")]
    [InlineData("official,afp", "official:origin,afp:relay,ndtv:publisher")]
    [InlineData("official", "official:origin,afp:relay,ndtv:publisher")]
    [InlineData("", "afp:origin,ndtv:publisher")]
    [InlineData("official,ndtv", "official:origin,afp:relay,ndtv:publisher")]
    [InlineData("official,yonhap,ndtv", "official:origin,yonhap:relay,afp:relay,ndtv:publisher")]
    public async Task RecordClaim_FromASyndicatedArticle_CompletesTheChainWithTheWireAndThePublisher(string given, string expected)
    {
        var suffix = Unique();
        var url = await SyndicatedArticleAsync(suffix);
        var sources = new Dictionary<string, object>
        {
            ["official"] = Inline($"Official {suffix}", "official"),
            ["yonhap"] = Inline($"Yonhap {suffix}", "wire_agency"),
            ["afp"] = Slug($"afp-{suffix}"),
            ["ndtv"] = Slug($"ndtv-{suffix}"),
        };
        object[] chain = [.. given.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => Link(sources[name]))];

        var claim = await _client.RecordClaimAsync(Claim("Kim Jong Un's train has departed for Russia", Report(ArticleAt(url), chain)));

        var report = Assert.Single(claim.Reports);
        Assert.Equal(
            expected.Split(',').Select(link => link.Split(':')).Select(l => ($"{l[0]}-{suffix}", Enum.Parse<ChainRole>(l[1], ignoreCase: true))),
            report.Chain.OrderBy(l => l.Position).Select(l => (l.Source.Slug, l.Role)));
    }

    [Fact]
    public async Task AddEvidence_FromASyndicatedArticle_CompletesTheChainTheSameWay()
    {
        var suffix = Unique();
        var url = await SyndicatedArticleAsync(suffix);
        var claim = await _client.RecordClaimAsync(NewClaim(suffix));

        claim = await _client.AddEvidenceAsync(claim.Id, Evidence(ArticleAt(url), "confirms", chain: [Link(Inline($"Peskov {suffix}", "official"))]));

        Assert.Equal(
            [($"peskov-{suffix}", ChainRole.Origin), ($"afp-{suffix}", ChainRole.Relay), ($"ndtv-{suffix}", ChainRole.Publisher)],
            Assert.Single(claim.Evidence).Chain.Select(l => (l.Source.Slug, l.Role)));
    }

    [Fact]
    public async Task RecordClaim_WithAChainNamingAnotherPublisher_Returns400()
    {
        var suffix = Unique();
        var url = await SyndicatedArticleAsync(suffix);
        var other = await _client.CreateSourceAsync(Source($"Times of India {suffix}"));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", Claim("Kim Jong Un's train has departed for Russia",
            Report(ArticleAt(url), [Link(Inline($"Official {suffix}", "official")), Link(Slug(other.Slug), "publisher")]))));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "report.chain");
    }

    private async Task<string> SyndicatedArticleAsync(string suffix)
    {
        var article = await _client.PostJsonAsync("/articles", Article(
                $"https://www.ndtv.com/world-news/kim-{suffix}", Inline($"NDTV {suffix}", "outlet"),
                syndicatedFrom: Inline($"AFP {suffix}", "wire_agency")))
            .ExpectAsync<ArticleResponse>(HttpStatusCode.Created);
        return article.Url;
    }

    [Fact]
    public async Task RecordClaim_NamingTheArticlesPublisher_KeepsThePublisherLast()
    {
        var suffix = Unique();
        await _client.PostJsonAsync("/articles", Article($"https://www.ndtv.com/world-news/kim-{suffix}", Inline($"NDTV {suffix}", "outlet"),
            syndicatedFrom: Inline($"AFP {suffix}", "wire_agency")));

        var claim = await _client.RecordClaimAsync(Claim("Kim Jong Un's train has departed for Russia", Report(
            ArticleAt($"https://www.ndtv.com/world-news/kim-{suffix}"),
            [Link(Inline($"Official {suffix}", "official")), Link(Slug($"ndtv-{suffix}"), "publisher")])));

        Assert.Equal(
            [($"official-{suffix}", ChainRole.Origin), ($"afp-{suffix}", ChainRole.Relay), ($"ndtv-{suffix}", ChainRole.Publisher)],
            claim.Reports[0].Chain.OrderBy(l => l.Position).Select(l => (l.Source.Slug, l.Role)));
    }

    [Fact]
    public async Task RecordClaim_WithThePublisherBeforeTheEndOfTheChain_Returns400()
    {
        var suffix = Unique();
        var url = await SyndicatedArticleAsync(suffix);

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", Claim("Kim has left Pyongyang",
            Report(ArticleAt(url), [Link(Inline($"Official {suffix}", "official")), Link(Slug($"ndtv-{suffix}")), Link(Slug($"afp-{suffix}"))]))));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "report.chain");
    }
}
