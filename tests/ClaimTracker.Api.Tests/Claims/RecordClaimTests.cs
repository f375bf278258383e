using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

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

        var claim = await _client.RecordClaimAsync(Claim(NewClaimStatement(suffix), Report(ArticleAt(url), chain)));

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

        var claim = await _client.RecordClaimAsync(Claim(NewClaimStatement(suffix), Report(
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

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", Claim(NewClaimStatement(suffix),
            Report(ArticleAt(url), [Link(Inline($"Official {suffix}", "official")), Link(Slug(other.Slug), "publisher")]))));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "report.chain");
    }

    [Fact]
    public async Task RecordClaim_WithThePublisherBeforeTheEndOfTheChain_Returns400()
    {
        var suffix = Unique();
        var url = await _client.CreateSyndicatedArticleAsync(suffix);

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", Claim($"Kim has left Pyongyang ({suffix})",
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

    [Theory]
    [InlineData("statement", null, "statement")]
    [InlineData("statement", "\"\"", "statement")]
    [InlineData("statement", "\"   \"", "statement")]
    [InlineData("statement", "42", "$.statement")]
    [InlineData("statment", "\"Kim's train left\"", "$.statment")]
    [InlineData("topics", "\"north-korea\"", "$.topics")]
    [InlineData("topics[0]", "\"north korea!\"", "topics[0]")]
    [InlineData("topics[0]", "\"-russia\"", "topics[0]")]
    [InlineData("report", null, "report")]
    [InlineData("report.quote", "\"\"", "report.quote")]
    [InlineData("report.article", null, "report.article")]
    [InlineData("report.article.url", "\"not a url\"", "report.article.url")]
    [InlineData("report.article.url", "\"ftp://known.test/kim-train\"", "report.article.url")]
    [InlineData("report.statedConfidence", "1.5", "report.statedConfidence")]
    [InlineData("report.statedConfidence", "-0.1", "report.statedConfidence")]
    [InlineData("report.statedConfidence", "\"likely\"", "$.report.statedConfidence")]
    [InlineData("report.hedgeWords", "\"appears\"", "$.report.hedgeWords")]
    [InlineData("report.reportedAt", FarFuture, "report.reportedAt")]
    [InlineData("report.reportedAt", BeforePrinting, "report.reportedAt")]
    [InlineData("report.reportedAt", "\"11 September 2023\"", "$.report.reportedAt")]
    [InlineData("report.chain[0].role", "\"relay\"", "report.chain")]
    [InlineData("report.chain[1].role", "\"origin\"", "report.chain")]
    [InlineData("report.chain[0].role", "\"publisher\"", "report.chain")]
    [InlineData("report.chain[1].role", "\"maybe\"", "$.report.chain[1].role")]
    [InlineData("report.chain", SameSourceTwice, "report.chain")]
    [InlineData("report.chain[0].source", UnscopedAnonymous, "report.chain[0].source.scope")]
    [InlineData("report.chain[0].source.slug", "\"Known Origin\"", "report.chain[0].source.slug")]
    [InlineData("statement", "\"Kim\\u0000Jong Un\"", "$.statement")]
    [InlineData("report.quote", "\"appears\\u0000\"", "$.report.quote")]
    [InlineData("report.hedgeWords", "[\"appears\\u0000\"]", "$.report.hedgeWords[0]")]
    [InlineData("report.reportedAt", "\"2023-09-11T08:00:00\"", "$.report.reportedAt")]
    [InlineData("report.reportedAt", "\"2023-09-11\"", "$.report.reportedAt")]
    [InlineData("report.reportedAt", "1694419200", "$.report.reportedAt")]
    [InlineData("report.article", """{"url":"https://new.test/blank-title","title":"  ","publisher":{"slug":"known-origin"},"publishedAt":"2023-09-11T00:00:00Z"}""", "report.article.title")]
    [InlineData("report.chain[0].source", """{"name":"New Official","kind":"official","aliases":[""]}""", "report.chain[0].source.aliases[0]")]
    public async Task RecordClaim_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /claims");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("report.chain[1].source", NoSuchSource, "report.chain[1].source.slug")]
    [InlineData("report.chain[0].source", """{"id":"0193a000-0000-7000-8000-000000000001"}""", "report.chain[0].source.id")]
    [InlineData("report.chain[0].source", """{"name":"Unidentified official","kind":"anonymous","scope":"no-such-source"}""", "report.chain[0].source.scope")]
    [InlineData("report.article", UnknownArticle, "report.article.url")]
    [InlineData("report.article", """{"id":"0193a000-0000-7000-8000-000000000001"}""", "report.article.id")]
    public async Task RecordClaim_NamingSomethingUnknown_Returns404NamingTheField(string field, string json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /claims");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, errorKey);
    }

    [Theory]
    [InlineData("report.statedConfidence", "\"0.7\"", "$.report.statedConfidence")]
    public async Task RecordClaim_WithANumberWrittenAsAString_Returns400(string field, string json, string errorKey)
    {
        var body = JsonEdit.ToJson(NewClaim(Unique())).With(field, json);

        var response = await api.WithoutWritesAsync(() => _client.PostRawAsync("/claims", body.ToJsonString()));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Fact]
    public async Task RecordClaim_WithANullBody_Returns400SayingABodyIsNeeded()
    {
        var response = await api.WithoutWritesAsync(() => _client.PostRawAsync("/claims", "null"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON object", problem.Detail);
    }

    [Fact]
    public async Task RecordClaim_WhenALaterLinkIsUnknown_LeavesNoNewSourceOrArticleBehind()
    {
        var suffix = Unique();
        var body = Claim(NewClaimStatement(suffix), Report(
            Article($"https://news.test/{suffix}", Inline($"Outlet {suffix}", "outlet")),
            [Link(Inline($"Official {suffix}", "official")), Link(Slug($"no-such-source-{suffix}"))]));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", body));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "report.chain[1].source.slug");
        await (await _client.GetAsync($"/sources/official-{suffix}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/sources/outlet-{suffix}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
