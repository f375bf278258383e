using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// Each claim read carries its Admiralty code: the reliability letter of its most reliable origin and a credibility digit.
public sealed class AdmiraltyCodeTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static object ConfirmationFrom(string origin) =>
        Evidence(Article($"https://evidence.test/{Unique()}", Inline("Evidence Desk", "outlet"), "Later reporting", publishedAt: "2023-09-12T09:00:00Z"),
            "confirms", chain: [Link(Inline(origin, "official"))]);

    [Theory]
    [InlineData(ClaimStatus.True, null, 0, 1)]
    [InlineData(ClaimStatus.Confirmed, null, 2, 1)]
    [InlineData(ClaimStatus.Confirmed, null, 1, 2)]
    [InlineData(ClaimStatus.PartlyConfirmed, null, 1, 3)]
    [InlineData(ClaimStatus.Contradicted, null, 0, 5)]
    [InlineData(ClaimStatus.Unresolvable, null, 0, 6)]
    [InlineData(ClaimStatus.Unverified, null, 0, 6)]
    [InlineData(ClaimStatus.Unverified, 0.85, 0, 2)]
    [InlineData(ClaimStatus.Disputed, 0.6, 0, 3)]
    [InlineData(ClaimStatus.Unverified, 0.4, 0, 4)]
    [InlineData(ClaimStatus.Unverified, 0.1, 0, 5)]
    public void Credibility_FollowsStatusEstimateAndIndependentConfirmations(ClaimStatus status, double? probability, int confirmations, int digit) =>
        Assert.Equal(digit, AdmiraltyCode.CredibilityOf(status, probability, confirmations).Digit);

    [Fact]
    public async Task GetClaim_ShowsTheCode_AsEvidenceArrives()
    {
        var suffix = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(suffix));
        Assert.Equal(6, claim.Admiralty!.Credibility);

        claim = await _client.AddEvidenceAsync(claim.Id, ConfirmationFrom($"White House {suffix}"));
        Assert.Equal(2, claim.Admiralty!.Credibility);

        claim = await _client.AddEvidenceAsync(claim.Id, ConfirmationFrom($"UN monitors {suffix}"));
        Assert.Equal(1, claim.Admiralty!.Credibility);
        Assert.Equal($"{claim.Admiralty.Reliability}1", claim.Admiralty.Code);
        Assert.Equal(claim.Admiralty, (await _client.GetClaimAsync(claim.Id)).Admiralty);
    }

    [Fact]
    public async Task GetClaim_AfterARun_GradesByTheBestBandAmongItsOrigins()
    {
        await ScoringCalls.RunAsync(_client);
        var claims = await _client.GetOkAsync<ClaimTracker.Api.Infrastructure.PagedList<ListClaims.Item>>("/claims?pageSize=100");

        foreach (var item in claims.Items)
        {
            var claim = await _client.GetClaimAsync(item.Id);
            var bands = new List<string>();
            foreach (var slug in claim.Reports.Select(r => r.Chain[0].Source.Slug).Distinct())
                bands.Add((await _client.GetOkAsync<GetSourceReliability.Response>($"/sources/{slug}/reliability")).Band.ToString());
            Assert.Equal(bands.Min(), claim.Admiralty!.Reliability);
            Assert.InRange(claim.Admiralty.Credibility, 1, 6);
        }
    }
}
