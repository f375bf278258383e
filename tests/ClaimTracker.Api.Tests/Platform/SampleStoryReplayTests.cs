using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Tests.Platform;

// The sample story, replayed over HTTP on an empty database (lexicon only), the way a fact-checker would.
public sealed class SampleStoryReplayTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private const string NdtvUrl = "https://www.ndtv.com/world-news/kim-appears-to-have-set-off-for-russia";

    [Fact]
    public async Task Replay_AppearsClaimConfirmedByLaterEvidence_UpdatesStatusAndTrackRecords()
    {
        var ndtv = await _client.PostJsonAsync("/articles", new
        {
            url = NdtvUrl,
            title = "North Korea's Kim Jong Un \"Appears\" To Have Set Off For Russia: Report",
            publisher = new { name = "NDTV", kind = "outlet", country = "IN" },
            syndicatedFrom = new { name = "AFP", kind = "wire_agency", country = "FR" },
            publishedAt = "2023-09-11T06:00:00Z",
        });
        Assert.Equal(HttpStatusCode.Created, ndtv.StatusCode);

        var recorded = await _client.PostJsonAsync("/claims", new
        {
            statement = "Kim Jong Un's train has departed for Russia",
            topics = new[] { "north-korea", "russia" },
            report = new
            {
                article = new { url = NdtvUrl },
                quote = "North Korean leader Kim Jong Un's train \"appears\" to have departed for Russia, multiple South Korean media outlets reported Monday, citing unidentified officials.",
                chain = new object[]
                {
                    new { source = new { name = "Unidentified officials", kind = "anonymous", scope = "yonhap" } },
                    new { source = new { name = "Yonhap", kind = "wire_agency", country = "KR" } },
                },
            },
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var claim = await recorded.ReadAsync<ClaimResponse>();
        Assert.Equal(ClaimStatus.Unverified, claim.Status);

        var report = Assert.Single(claim.Reports);
        var appears = Assert.Single(report.Cues, c => c.Phrase == "appears");
        Assert.Equal(("claimtracker", 0.70, true, "appears"), (appears.Scale, appears.Probability, appears.Quoted, appears.MatchedText));
        var attribution = Assert.Single(report.Cues, c => c.Phrase == "unidentified official");
        Assert.Equal(0.65, attribution.Probability);
        // No estimative word, so the stated confidence is the mean prior of the evidential and attribution cues.
        Assert.Equal(0.675, report.StatedConfidence);
        Assert.StartsWith("evidential", report.ConfidenceRule);
        Assert.Equal(
            [("yonhap.unidentified-officials", ChainRole.Origin), ("yonhap", ChainRole.Relay), ("afp", ChainRole.Relay), ("ndtv", ChainRole.Publisher)],
            report.Chain.Select(l => (l.Source.Slug, l.Role)));

        var originBefore = await TrackRecordAsync("yonhap.unidentified-officials");
        var relayBefore = await TrackRecordAsync("yonhap");
        Assert.Equal((1, 0, 1, null), (originBefore.Originated, originBefore.Confirmed, originBefore.Pending, originBefore.Accuracy));
        Assert.Equal((1, 0, 1), (relayBefore.Relayed, relayBefore.Confirmed, relayBefore.Pending));

        var confirmed = await _client.PostJsonAsync($"/claims/{claim.Id}/evidence", new
        {
            article = new
            {
                url = "https://tass.com/world/1673965",
                title = "Kim Jong Un already in Russia, Kremlin spokesman says",
                publisher = new { name = "TASS", kind = "wire_agency", country = "RU" },
                publishedAt = "2023-09-12T09:00:00Z",
            },
            stance = "confirms",
            conclusive = true,
            quote = "already in Russia",
            chain = new[] { new { source = new { name = "Dmitry Peskov", kind = "official", country = "RU" } } },
        });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        claim = await confirmed.ReadAsync<ClaimResponse>();

        Assert.Equal(ClaimStatus.Confirmed, claim.Status);
        Assert.Equal([ClaimStatus.Unverified, ClaimStatus.Confirmed], claim.History.Select(h => h.To));
        Assert.Equal(Assert.Single(claim.Evidence).Id, claim.History[^1].EvidenceId);

        var originAfter = await TrackRecordAsync("yonhap.unidentified-officials");
        var relayAfter = await TrackRecordAsync("yonhap");
        Assert.Equal((1, 0, 1.0, 1), (originAfter.Confirmed, originAfter.Pending, originAfter.Accuracy, originAfter.SampleSize));
        Assert.Equal((1, 0, 1.0), (relayAfter.Confirmed, relayAfter.Pending, relayAfter.Accuracy));
    }

    private async Task<TrackRecordResponse> TrackRecordAsync(string slug)
    {
        var response = await _client.GetAsync($"/sources/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<GetSource.Response>()).Source.TrackRecord;
    }
}
