using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

public sealed class ResolveClaimTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private Task<ClaimResponse> RecordAsync() => _client.RecordClaimAsync(NewClaim(Unique()));

    [Fact]
    public async Task Resolve_WithTheCurrentVersion_SetsTheStatusAndRecordsTheReason()
    {
        var claim = await _client.AddEvidenceAsync((await RecordAsync()).Id, NewEvidence("confirms"));

        var resolved = await _client.ResolveAsync(claim, "false", "KCNA footage shows the train still in Pyongyang.");

        Assert.Equal((ClaimStatus.False, true, claim.Version + 1), (resolved.Status, resolved.Resolved, resolved.Version));
        var change = resolved.History[^1];
        Assert.Equal((ClaimStatus.Confirmed, ClaimStatus.False, "KCNA footage shows the train still in Pyongyang.", null),
            (change.From, change.To, change.Reason, change.EvidenceId));
        Assert.Equivalent(resolved, await _client.GetClaimAsync(claim.Id));
    }

    [Fact]
    public async Task Resolve_WithAStaleVersion_Returns409AndChangesNothing()
    {
        var recorded = await RecordAsync();
        var claim = await _client.AddEvidenceAsync(recorded.Id, NewEvidence("confirms"));

        var response = await api.WithoutWritesAsync(() =>
            _client.PostJsonAsync($"/claims/{claim.Id}/resolution", Resolution("true", recorded.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equivalent(claim, await _client.GetClaimAsync(claim.Id));
    }

    [Fact]
    public async Task Resolve_TwiceToTheSameValue_Returns409()
    {
        var claim = await _client.ResolveAsync(await RecordAsync(), "true");

        var response = await api.WithoutWritesAsync(() =>
            _client.PostJsonAsync($"/claims/{claim.Id}/resolution", Resolution("true", claim.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("resolution", null, "resolution")]
    [InlineData("resolution", "\"maybe\"", "$.resolution")]
    [InlineData("reason", "\"\"", "reason")]
    [InlineData("version", null, "version")]
    [InlineData("version", "true", "$.version")]
    public async Task Resolve_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /claims/{id}/resolution");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }
}
