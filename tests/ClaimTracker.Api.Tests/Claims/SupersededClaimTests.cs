using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// A claim true when made and overtaken later: "the Kremlin refused to confirm any meeting", then announced it that
// afternoon. The source that said it in the morning was right.
public sealed class SupersededClaimTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static object Superseded(int version, string? trueUntil, Guid? supersededBy = null) =>
        new { resolution = "superseded", reason = "The Kremlin announced the visit that afternoon.", version, trueUntil, supersededBy };

    [Fact]
    public async Task ResolveClaim_Superseded_KeepsUntilWhenAndByWhat_AndTheMorningSourceIsRight()
    {
        var suffix = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(suffix, reportedAt: "2023-09-11T06:00:00Z"));
        claim = await _client.AddEvidenceAsync(claim.Id, NewEvidence("contradicts", conclusive: false));
        var announcement = claim.Evidence[0].Id;

        var resolved = await _client.PostJsonAsync($"/claims/{claim.Id}/resolution", Superseded(claim.Version, "2023-09-11T15:00:00+03:00", announcement))
            .ExpectAsync<ClaimResponse>(HttpStatusCode.OK);

        Assert.Equal(ClaimStatus.Superseded, resolved.Status);
        Assert.True(resolved.Resolved);
        Assert.Equal(DateTimeOffset.Parse("2023-09-11T12:00:00Z"), resolved.TrueUntil);
        Assert.Equal(announcement, resolved.SupersededBy);
        Assert.Equal(announcement, resolved.History[^1].EvidenceId);
        var origin = claim.Reports[0].Chain[0].Source.Slug;
        var track = await _client.TrackRecordAsync(origin);
        Assert.Equal((1, 0), (track.Confirmed, track.Contradicted));

        var reopened = await _client.PostJsonAsync($"/claims/{claim.Id}/reopen", Reopen(resolved.Version)).ExpectAsync<ClaimResponse>(HttpStatusCode.OK);
        Assert.Null(reopened.TrueUntil);
        Assert.Null(reopened.SupersededBy);
    }

    [Fact]
    public async Task ResolveClaim_SaidOnlyAfterItStoppedHolding_LeavesTheSourceOutOfTheRecord()
    {
        var suffix = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(suffix, reportedAt: "2023-09-12T06:00:00Z"));

        await _client.PostJsonAsync($"/claims/{claim.Id}/resolution", Superseded(claim.Version, "2023-09-11T12:00:00Z"))
            .ExpectAsync<ClaimResponse>(HttpStatusCode.OK);

        var track = await _client.TrackRecordAsync(claim.Reports[0].Chain[0].Source.Slug);
        Assert.Equal((0, 0, 0), (track.Confirmed, track.Contradicted, track.SampleSize));
    }

    [Theory]
    [InlineData("superseded", null, null, "trueUntil")]
    [InlineData("true", "2023-09-11T12:00:00Z", null, "trueUntil")]
    [InlineData("false", null, "0195f4a0-0000-7000-8000-000000000000", "supersededBy")]
    public async Task ResolveClaim_SupersededFieldsOutOfPlace_Is400NamingTheField(string resolution, string? trueUntil, string? supersededBy, string field)
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique()));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/resolution",
            new { resolution, reason = "Checked.", version = claim.Version, trueUntil, supersededBy }));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ResolveClaim_SupersededByEvidenceOfAnotherClaim_IsAProblemNamingSupersededBy()
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique()));
        var other = await _client.AddEvidenceAsync((await _client.RecordClaimAsync(NewClaim(Unique()))).Id, NewEvidence("confirms"));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/resolution",
            Superseded(claim.Version, "2023-09-11T12:00:00Z", other.Evidence[0].Id)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "supersededBy");
    }
}
