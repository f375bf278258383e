using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Claims;

// Evidence moves a claim's status by the status rule; a resolved claim takes no more.
public sealed class AddEvidenceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private Task<ClaimResponse> RecordAsync() => _client.RecordClaimAsync(NewClaim(Unique()));

    // Each step is "stance>status": the status the claim must have after that piece of conclusive evidence.
    [Theory]
    [InlineData("confirms>confirmed")]
    [InlineData("contradicts>contradicted")]
    [InlineData("partly_confirms>partly_confirmed")]
    [InlineData("confirms>confirmed", "contradicts>disputed")]
    [InlineData("partly_confirms>partly_confirmed", "confirms>disputed")]
    [InlineData("confirms>confirmed", "confirms>confirmed")]
    public async Task AddEvidence_Conclusive_SetsStatusByTheStatusRuleAndRecordsEachChange(params string[] steps)
    {
        var claim = await RecordAsync();

        foreach (var (stance, expected) in steps.Select(s => s.Split('>')).Select(s => (s[0], SnakeCase.Parse<ClaimStatus>(s[1]))))
        {
            var before = claim;
            claim = await _client.AddEvidenceAsync(claim.Id, NewEvidence(stance));

            var added = Assert.Single(claim.Evidence, e => before.Evidence.All(b => b.Id != e.Id));
            Assert.Equal(expected, claim.Status);
            Assert.Equal(before.Version + 1, claim.Version);
            if (expected == before.Status)
            {
                Assert.Equal(before.History, claim.History);
                continue;
            }
            var change = claim.History[^1];
            Assert.Equal((before.Status, expected, added.Id), (change.From, change.To, change.EvidenceId));
            Assert.False(string.IsNullOrWhiteSpace(change.Reason));
        }
    }

    [Fact]
    public async Task AddEvidence_Inconclusive_NeverMovesTheStatus()
    {
        var claim = await RecordAsync();

        claim = await _client.AddEvidenceAsync(claim.Id, NewEvidence("confirms", conclusive: false));
        Assert.Equal((ClaimStatus.Unverified, 1, 1, 2), (claim.Status, claim.Evidence.Count, claim.History.Count, claim.Version));

        claim = await _client.AddEvidenceAsync(claim.Id, NewEvidence("contradicts"));
        claim = await _client.AddEvidenceAsync(claim.Id, NewEvidence("confirms", conclusive: false));
        Assert.Equal((ClaimStatus.Contradicted, 3, 2), (claim.Status, claim.Evidence.Count, claim.History.Count));
    }

    [Fact]
    public async Task AddEvidence_WhenClaimIsResolved_Returns409()
    {
        var claim = await _client.ResolveAsync(await RecordAsync(), "true");

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/evidence", NewEvidence("contradicts")));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equivalent(claim, await _client.GetClaimAsync(claim.Id));
    }

    [Fact]
    public async Task AddEvidence_EightConcurrentPosts_AllLand()
    {
        var claim = await RecordAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => _client.PostJsonAsync($"/claims/{claim.Id}/evidence", NewEvidence("confirms"))));

        foreach (var response in responses) await response.AssertStatusAsync(HttpStatusCode.Created);
        var stored = await _client.GetClaimAsync(claim.Id);
        Assert.Equal(8, stored.Evidence.Select(e => e.Id).Distinct().Count());
        Assert.Equal((claim.Version + 8, ClaimStatus.Confirmed, 2), (stored.Version, stored.Status, stored.History.Count));
    }

    [Fact]
    public async Task AddEvidence_FromASyndicatedArticle_CompletesTheChainTheSameWay()
    {
        var suffix = Unique();
        var url = await _client.CreateSyndicatedArticleAsync(suffix);
        var claim = await _client.RecordClaimAsync(NewClaim(suffix));

        claim = await _client.AddEvidenceAsync(claim.Id, Evidence(ArticleAt(url), "confirms", chain: [Link(Inline($"Peskov {suffix}", "official"))]));

        Assert.Equal(
            [($"peskov-{suffix}", ChainRole.Origin), ($"afp-{suffix}", ChainRole.Relay), ($"ndtv-{suffix}", ChainRole.Publisher)],
            Assert.Single(claim.Evidence).Chain.Select(l => (l.Source.Slug, l.Role)));
    }

    [Theory]
    [InlineData("stance", null, "stance")]
    [InlineData("stance", "\"maybe\"", "$.stance")]
    [InlineData("stnace", "\"confirms\"", "$.stnace")]
    [InlineData("conclusive", null, "conclusive")]
    [InlineData("conclusive", "\"yes\"", "$.conclusive")]
    [InlineData("article", null, "article")]
    [InlineData("observedAt", FarFuture, "observedAt")]
    [InlineData("chain[0].role", "\"relay\"", "chain")]
    [InlineData("chain", SameSourceTwice, "chain")]
    [InlineData("chain[0].source", UnscopedAnonymous, "chain[0].source.scope")]
    public async Task AddEvidence_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /claims/{id}/evidence");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("chain[0].source", NoSuchSource, "chain[0].source.slug")]
    [InlineData("article", UnknownArticle, "article.url")]
    public async Task AddEvidence_NamingSomethingUnknown_Returns404NamingTheField(string field, string json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /claims/{id}/evidence");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, errorKey);
    }
}
