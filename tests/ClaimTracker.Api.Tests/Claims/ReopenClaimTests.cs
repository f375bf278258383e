using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

public sealed class ReopenClaimTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private Task<ClaimResponse> RecordAsync() => _client.RecordClaimAsync(NewClaim(Unique()));

    [Fact]
    public async Task Reopen_ResolvedClaim_FollowsTheEvidenceAgainAndAcceptsNewEvidence()
    {
        var claim = await _client.AddEvidenceAsync((await RecordAsync()).Id, NewEvidence("confirms"));
        claim = await _client.ResolveAsync(claim, "false");

        var reopened = await _client.PostJsonAsync($"/claims/{claim.Id}/reopen", Reopen(claim.Version, "The footage was from 2019."))
            .ExpectAsync<ClaimResponse>(HttpStatusCode.OK);

        Assert.Equal((ClaimStatus.Confirmed, false, claim.Version + 1), (reopened.Status, reopened.Resolved, reopened.Version));
        Assert.Equal((ClaimStatus.False, ClaimStatus.Confirmed, "The footage was from 2019."),
            (reopened.History[^1].From, reopened.History[^1].To, reopened.History[^1].Reason));
        var disputed = await _client.AddEvidenceAsync(claim.Id, NewEvidence("contradicts"));
        Assert.Equal(ClaimStatus.Disputed, disputed.Status);
    }

    [Fact]
    public async Task Reopen_UnresolvedClaim_Returns409()
    {
        var claim = await RecordAsync();

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/reopen", Reopen(claim.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reopen_WithAStaleVersion_Returns409()
    {
        var claim = await _client.ResolveAsync(await RecordAsync(), "unresolvable");

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/reopen", Reopen(claim.Version - 1)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
