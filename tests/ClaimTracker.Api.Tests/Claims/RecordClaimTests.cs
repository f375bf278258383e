using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Language;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// Recording a claim from its first report: the chain it names, completed from the article, and the sources and
// articles it creates on the way, also when many requests name the same new ones at once.
public sealed class RecordClaimTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

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
        var url = await _client.CreateSyndicatedArticleAsync(suffix);
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
    public async Task RecordClaim_WithAChainNamingAnotherPublisher_Returns400()
    {
        var suffix = Unique();
        var url = await _client.CreateSyndicatedArticleAsync(suffix);
        var other = await _client.CreateSourceAsync(Source($"Times of India {suffix}"));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", Claim("Kim Jong Un's train has departed for Russia",
            Report(ArticleAt(url), [Link(Inline($"Official {suffix}", "official")), Link(Slug(other.Slug), "publisher")]))));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "report.chain");
    }

    [Fact]
    public async Task RecordClaim_WithThePublisherBeforeTheEndOfTheChain_Returns400()
    {
        var suffix = Unique();
        var url = await _client.CreateSyndicatedArticleAsync(suffix);

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", Claim("Kim has left Pyongyang",
            Report(ArticleAt(url), [Link(Inline($"Official {suffix}", "official")), Link(Slug($"ndtv-{suffix}")), Link(Slug($"afp-{suffix}"))]))));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "report.chain");
    }

    [Fact]
    public async Task RecordClaim_ConcurrentPostsNamingTheSameNewSourceAndArticle_AllLandWithOneOfEach()
    {
        var suffix = Unique();
        var url = $"https://news.test/{suffix}/shared";
        var article = Article(url, Inline($"Outlet {suffix}", "outlet"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _client.PostJsonAsync("/claims",
            Claim($"Claim {i} ({suffix})", Report(article, [Link(Inline($"Official {suffix}", "official"))])))));

        foreach (var response in responses) await response.AssertStatusAsync(HttpStatusCode.Created);
        var claims = await Task.WhenAll(responses.Select(r => r.ReadAsync<ClaimResponse>()));
        Assert.Single(claims.Select(c => c.Reports[0].Article.Id).Distinct());
        Assert.Single(claims.Select(c => c.Reports[0].Chain[0].Source.Id).Distinct());
        var origin = await _client.TrackRecordAsync($"official-{suffix}");
        Assert.Equal(6, origin.Originated);
    }

    [Fact]
    public async Task RecordClaim_ConcurrentPostsCreatingNewSourcesInOppositeOrders_AllLand()
    {
        var pairs = Enumerable.Range(0, 10).Select(_ => Unique()).ToList();

        var responses = await Task.WhenAll(pairs.SelectMany(suffix => new[] { "a,b", "b,a" }.Select(order =>
            _client.PostJsonAsync("/claims", NewClaim(Unique(), chain: [.. order.Split(',').Select(n => Link(Inline($"Source {n} {suffix}", "official")))])))));

        foreach (var response in responses) await response.AssertStatusAsync(HttpStatusCode.Created);
        foreach (var suffix in pairs)
            Assert.Equal(2, (await _client.TrackRecordAsync($"source-a-{suffix}")).Originated + (await _client.TrackRecordAsync($"source-b-{suffix}")).Originated);
    }
}
