using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Scoring;

// A mention reports a claim without settling it: it shows in the claim's evidence and changes no estimate and no
// reliability in the next run.
public sealed class MentionsTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Mentions_ChangeNoEstimateAndNoReliability()
    {
        var claims = await _client.GetOkAsync<PagedList<ListClaims.Item>>("/claims?pageSize=100");
        await ScoringCalls.RunAsync(_client);
        var before = await ReadAsync(claims.Items);

        foreach (var item in claims.Items.Where(c => !ClaimTracker.Api.Features.Claims.Claim.Resolutions.Contains(c.Status)))
        {
            var mention = Evidence(Article($"https://mention.test/{Unique()}", Inline("Weekly Roundup", "outlet"), "A week in review",
                publishedAt: "2023-09-20T09:00:00Z"), "mentions", conclusive: false, chain: [Link(Slug("yonhap"))]);
            var claim = await _client.AddEvidenceAsync(item.Id, mention);
            Assert.Contains(claim.Evidence, e => e.Stance == Stance.Mentions);
        }
        await ScoringCalls.RunAsync(_client);

        Assert.Equal(before, await ReadAsync(claims.Items));
    }

    private async Task<List<string>> ReadAsync(IEnumerable<ListClaims.Item> claims)
    {
        var seen = new List<string>();
        foreach (var claim in claims)
        {
            var truth = await _client.GetOkAsync<GetClaimTruth.Response>($"/claims/{claim.Id}/truth");
            seen.Add($"{claim.Id} {truth.Status} {truth.Probability:R}");
        }
        foreach (var slug in new[] { "yonhap", "afp", "kcna", "us-government" })
        {
            var reliability = await _client.GetOkAsync<GetSourceReliability.Response>($"/sources/{slug}/reliability");
            seen.Add($"{slug} {reliability.Mean:R} {reliability.Band}");
        }
        return seen;
    }
}
