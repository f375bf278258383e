using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Claims;

public sealed class AddReportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task AddReport_ReportedEarlier_MovesFirstReportedAtBackAndLaterOneDoesNot()
    {
        var suffix = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(suffix, reportedAt: "2023-09-11T06:00:00Z"));

        var earlier = await _client.AddReportAsync(claim.Id, Report(
            Article($"https://news.test/{suffix}/yonhap", Inline($"Yonhap {suffix}", "wire_agency"), publishedAt: "2023-09-10T22:30:00Z")));
        var later = await _client.AddReportAsync(claim.Id, Report(ArticleAt($"https://news.test/{suffix}/yonhap"), reportedAt: "2023-09-12T00:00:00Z"));

        var expected = new DateTimeOffset(2023, 9, 10, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal((expected, 2, 2), (earlier.FirstReportedAt, earlier.Version, earlier.Reports.Count));
        Assert.Equal((expected, 3, 3), (later.FirstReportedAt, later.Version, later.Reports.Count));
    }

    [Theory]
    [InlineData("quote", null, "quote")]
    [InlineData("qoute", "\"appears\"", "$.qoute")]
    [InlineData("statedConfidence", "1.5", "statedConfidence")]
    [InlineData("statedConfidence", "\"likely\"", "$.statedConfidence")]
    [InlineData("reportedAt", BeforePrinting, "reportedAt")]
    [InlineData("article.url", "\"not a url\"", "article.url")]
    [InlineData("chain[0].role", "\"relay\"", "chain")]
    public async Task AddReport_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /claims/{id}/reports");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("chain[1].source", """{"slug":"no-such-source"}""", HttpStatusCode.NotFound, "chain[1].source.slug")]
    [InlineData("article", """{"url":"https://unknown.test/no-such-article"}""", HttpStatusCode.NotFound, "article.url")]
    [InlineData("chain", """[{"source":{"slug":"official-x"}},{"source":{"slug":"official-x"}}]""", HttpStatusCode.BadRequest, "chain")]
    public async Task AddReport_WithABadReference_NamesTheFieldAsTheClientWroteIt(string field, string json, HttpStatusCode status, string errorKey)
    {
        var suffix = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(suffix));
        var body = JsonEdit.ToJson(Report(ArticleAt(claim.Reports[0].Article.Url), [Link(Slug($"official-{suffix}")), Link(Slug($"outlet-{suffix}"))]))
            .With(field, json.Replace("official-x", $"official-{suffix}"));

        var response = await api.WithoutWritesAsync(() => _client.PostRawAsync($"/claims/{claim.Id}/reports", body.ToJsonString()));

        await response.AssertProblemAsync(status, errorKey);
    }
}
