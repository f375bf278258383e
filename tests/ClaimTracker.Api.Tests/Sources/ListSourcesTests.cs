using System.Net;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Sources;

public sealed class ListSourcesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ListSources_FilteredByKindAndName_ReturnsOnlyMatches()
    {
        var token = Unique();
        var wire = await _client.CreateSourceAsync(Source($"Wire {token}", "wire_agency"));
        var broadcaster = await _client.CreateSourceAsync(Source($"Broadcaster {token}", "broadcaster"));
        await _client.CreateSourceAsync(Source($"Paper {token}", "outlet"));

        var byName = await ListAsync($"name={token.ToUpperInvariant()}");
        var byKindAndName = await ListAsync($"kind=wire_agency&name={token}");
        var bySlugPart = await ListAsync($"name=broadcaster-{token}");

        Assert.Equal(3, byName.Total);
        Assert.Equal([wire.Id], byKindAndName.Items.Select(s => s.Id));
        Assert.Equal([broadcaster.Id], bySlugPart.Items.Select(s => s.Id));
    }

    [Theory]
    [InlineData("name", "Alpha,Bravo,Charlie")]
    [InlineData("-name", "Charlie,Bravo,Alpha")]
    public async Task ListSources_SortedByName_OrdersByName(string sort, string expected)
    {
        var token = Unique();
        foreach (var name in new[] { "Bravo", "Charlie", "Alpha" })
            await _client.CreateSourceAsync(Source($"{name} {token}"));

        var page = await ListAsync($"name={token}&sort={sort}");

        Assert.Equal(expected.Split(',').Select(n => $"{n} {token}"), page.Items.Select(s => s.Name));
    }

    [Theory]
    [InlineData("-accuracy", "high,middle,low,unscored")]
    [InlineData("accuracy", "low,middle,high,unscored")]
    public async Task ListSources_SortedByAccuracy_PutsSourcesWithNoSampleLast(string sort, string expected)
    {
        var token = Unique();
        await OriginOfClaimAsync($"Unscored {token}", stance: null);
        await OriginOfClaimAsync($"High {token}", "confirms");
        await OriginOfClaimAsync($"Middle {token}", "partly_confirms");
        await OriginOfClaimAsync($"Low {token}", "contradicts");

        var page = await ListAsync($"name={token}&sort={sort}");

        Assert.Equal(expected.Split(','), page.Items.Select(s => s.Name.Split(' ')[0].ToLowerInvariant()));
        Assert.Equal([1.0, 0.5, 0.0], page.Items.Where(s => s.TrackRecord.Accuracy is not null)
            .OrderByDescending(s => s.TrackRecord.Accuracy).Select(s => s.TrackRecord.Accuracy!.Value));
    }

    [Fact]
    public async Task ListSources_Paged_ReturnsThePageAskedForAndTheTotal()
    {
        var token = Unique();
        foreach (var n in Enumerable.Range(1, 5))
            await _client.CreateSourceAsync(Source($"Outlet {token} {n}"));

        var second = await ListAsync($"name={token}&sort=name&pageSize=2&page=2");
        var last = await ListAsync($"name={token}&sort=name&pageSize=2&page=3");
        var firstByDefault = await ListAsync($"name={token}");

        Assert.Equal((2, 2, 5), (second.Page, second.PageSize, second.Total));
        Assert.Equal([$"Outlet {token} 3", $"Outlet {token} 4"], second.Items.Select(s => s.Name));
        Assert.Equal([$"Outlet {token} 5"], last.Items.Select(s => s.Name));
        Assert.Equal((1, Paging.DefaultPageSize, 5, 5), (firstByDefault.Page, firstByDefault.PageSize, firstByDefault.Total, firstByDefault.Items.Count));
    }

    [Theory]
    [InlineData("sort=popularity", "sort")]
    [InlineData("sort=-kind", "sort")]
    [InlineData("kind=blog", "kind")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task ListSources_WithAnInvalidQuery_Returns400NamingTheParameter(string query, string errorKey)
    {
        var response = await _client.GetAsync($"/sources?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    private Task<PagedList<SourceResponse>> ListAsync(string query) => _client.GetOkAsync<PagedList<SourceResponse>>($"/sources?{query}");

    private async Task OriginOfClaimAsync(string name, string? stance)
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique(), chain: [Link(Inline(name, "official"))]));
        if (stance is not null) await _client.AddEvidenceAsync(claim.Id, NewEvidence(stance));
    }
}
