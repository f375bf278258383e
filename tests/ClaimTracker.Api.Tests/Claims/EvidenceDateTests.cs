using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// Evidence dated before the claim was first reported is accepted (the date may be a typo, or the article about an
// earlier event), but the answer warns and the claim keeps the flag.
public sealed class EvidenceDateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static object EvidenceAt(string observedAt) => new
    {
        article = Article($"https://evidence.test/{Unique()}", Inline("Evidence Desk", "outlet"), "Later reporting", publishedAt: "2023-09-12T09:00:00Z"),
        stance = "confirms", conclusive = false, observedAt,
    };

    [Fact]
    public async Task AddEvidence_DatedBeforeTheFirstReport_IsKeptWithAWarningAndAFlag()
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique(), reportedAt: "2023-09-11T06:00:00Z"));

        var answered = await _client.AddEvidenceAsync(claim.Id, EvidenceAt("2023-09-10T06:00:00Z"));

        var early = Assert.Single(answered.Evidence);
        Assert.True(early.BeforeFirstReport);
        var warning = Assert.Single(answered.Warnings);
        Assert.Contains(early.Id.ToString(), warning);
        Assert.Equal(answered.Warnings, (await _client.GetClaimAsync(claim.Id)).Warnings);
    }

    [Fact]
    public async Task AddEvidence_DatedAfterTheFirstReport_HasNoWarning()
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique(), reportedAt: "2023-09-11T06:00:00Z"));

        var answered = await _client.AddEvidenceAsync(claim.Id, EvidenceAt("2023-09-11T06:00:00Z"));

        Assert.False(Assert.Single(answered.Evidence).BeforeFirstReport);
        Assert.Empty(answered.Warnings);
    }
}
