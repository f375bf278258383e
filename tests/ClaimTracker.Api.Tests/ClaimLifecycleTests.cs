using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests;

// A claim from its first report through evidence, resolution and reopening.
public sealed class ClaimLifecycleTests(ApiFactory api) : IClassFixture<ApiFactory>
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

    [Fact]
    public async Task AddEvidence_WhenClaimIsResolved_Returns409()
    {
        var claim = await _client.ResolveAsync(await RecordAsync(), "true");

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/evidence", NewEvidence("contradicts")));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equivalent(claim, await _client.GetClaimAsync(claim.Id));
    }

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
    public async Task RecordClaim_ConcurrentPostsNamingTheSameNewSourceAndArticle_AllLandWithOneOfEach()
    {
        var suffix = Unique();
        var url = $"https://news.test/{suffix}/shared";
        var article = Article(url, Inline($"Outlet {suffix}", "outlet"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _client.PostJsonAsync("/claims",
            Claim($"Claim {i} ({suffix})", Report(article, [Link(Inline($"Official {suffix}", "official"))])))));

        foreach (var response in responses) await response.AssertStatusAsync(HttpStatusCode.Created);
        var claims = await Task.WhenAll(responses.Select(r => r.ReadAsync<ClaimResponse>()));
        Assert.Single(claims.Select(c => c.Reports[0].Article.Id).Distinct());
        Assert.Single(claims.Select(c => c.Reports[0].Chain[0].Source.Id).Distinct());
        var origin = await _client.TrackRecordAsync($"official-{suffix}");
        Assert.Equal(6, origin.Originated);
    }

    [Fact]
    public async Task RecordClaim_ConcurrentPostsCreatingNewSourcesInOppositeOrders_AllLand()
    {
        var pairs = Enumerable.Range(0, 10).Select(_ => Unique()).ToList();

        var responses = await Task.WhenAll(pairs.SelectMany(suffix => new[] { "a,b", "b,a" }.Select(order =>
            _client.PostJsonAsync("/claims", NewClaim(Unique(), chain: [.. order.Split(',').Select(n => Link(Inline($"Source {n} {suffix}", "official")))])))));

        foreach (var response in responses) await response.AssertStatusAsync(HttpStatusCode.Created);
        foreach (var suffix in pairs)
            Assert.Equal(2, (await _client.TrackRecordAsync($"source-a-{suffix}")).Originated + (await _client.TrackRecordAsync($"source-b-{suffix}")).Originated);
    }

    [Fact]
    public async Task UpdateSource_WithAStaleVersion_Returns409AndKeepsTheFirstUpdate()
    {
        var source = await _client.CreateSourceAsync(Source($"Korea Herald {Unique()}"));
        await _client.PutJsonAsync($"/sources/{source.Id}", SourceUpdate("The Korea Herald", "outlet", source.Version))
            .ExpectAsync<SourceResponse>(HttpStatusCode.OK);

        var response = await api.WithoutWritesAsync(() =>
            _client.PutJsonAsync($"/sources/{source.Id}", SourceUpdate("Korea Herald Online", "outlet", source.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var stored = await _client.GetOkAsync<GetSource.Response>($"/sources/{source.Id}");
        Assert.Equal(("The Korea Herald", source.Version + 1), (stored.Source.Name, stored.Source.Version));
    }
}
