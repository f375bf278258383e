using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

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
}
