using System.Net;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Articles;

// Real sources often show no date, or only a month: such articles are stored as they are, and what is said in them
// carries its own time.
public sealed class ArticleDateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private Task<ArticleResponse> CreateAsync(object body) =>
        _client.PostJsonAsync("/articles", body).ExpectAsync<ArticleResponse>(HttpStatusCode.Created);

    private static object Undated(string suffix) =>
        new { url = $"https://undated.test/{suffix}", title = "Kremlin refuses to confirm a meeting", publisher = Inline($"Outlet {suffix}", "outlet") };

    [Fact]
    public async Task CreateArticle_WithoutADate_IsStoredUndated_AndReportsFromItGiveTheirOwnTime()
    {
        var suffix = Unique();
        var article = await CreateAsync(Undated(suffix));
        Assert.Null(article.PublishedAt);

        var untimed = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims",
            Claim($"The Kremlin refused to confirm any meeting ({suffix})", Report(ArticleAt(article.Url), [Link(Inline($"Kremlin {suffix}", "official"))]))));
        await untimed.AssertProblemAsync(HttpStatusCode.BadRequest, "report.reportedAt");

        var claim = await _client.RecordClaimAsync(Claim($"The Kremlin refused to confirm any meeting ({suffix})",
            Report(ArticleAt(article.Url), [Link(Inline($"Kremlin {suffix}", "official"))], reportedAt: "2023-09-11T06:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2023-09-11T06:00:00Z"), claim.FirstReportedAt);
        Assert.Null(claim.Reports[0].Article.PublishedAt);
    }

    [Fact]
    public async Task AddEvidence_FromAnUndatedArticle_NeedsObservedAt()
    {
        var suffix = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(suffix));
        await CreateAsync(Undated(suffix));
        var evidence = new { article = new { url = $"https://undated.test/{suffix}" }, stance = "confirms", conclusive = true };

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/evidence", evidence));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "observedAt");

        var added = await _client.AddEvidenceAsync(claim.Id, new { evidence.article, evidence.stance, evidence.conclusive, observedAt = "2023-09-12T09:00:00Z" });
        Assert.Equal(DateTimeOffset.Parse("2023-09-12T09:00:00Z"), Assert.Single(added.Evidence).ObservedAt);
    }

    [Theory]
    [InlineData("month", "2023-09-17T10:00:00+09:00", "2023-09-01T00:00:00Z")]
    [InlineData("year", "2023-09-17T10:00:00Z", "2023-01-01T00:00:00Z")]
    [InlineData("day", "2023-09-17T10:00:00+09:00", "2023-09-17T01:00:00Z")]
    public async Task CreateArticle_WithAPrecision_StoresTheStartOfThatPeriod(string precision, string given, string stored)
    {
        var suffix = Unique();
        var article = await CreateAsync(new
        {
            url = $"https://dated.test/{suffix}", title = "UN monitors report", publisher = Inline($"Outlet {suffix}", "outlet"),
            publishedAt = given, datePrecision = precision, dateInferred = true,
        });

        Assert.Equal(DateTimeOffset.Parse(stored), article.PublishedAt);
        Assert.Equal(Enum.Parse<DatePrecision>(precision, ignoreCase: true), article.DatePrecision);
        Assert.True(article.DateInferred);
        Assert.Equal(article, await _client.GetOkAsync<ArticleResponse>($"/articles/{article.Id}"));
    }

    [Theory]
    [InlineData("datePrecision", "month")]
    [InlineData("dateInferred", true)]
    public async Task CreateArticle_APrecisionWithoutADate_Is400NamingIt(string field, object value)
    {
        var suffix = Unique();
        var body = new Dictionary<string, object?>
        {
            ["url"] = $"https://undated.test/{suffix}", ["title"] = "Untitled", ["publisher"] = Inline($"Outlet {suffix}", "outlet"), [field] = value,
        };

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/articles", body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
