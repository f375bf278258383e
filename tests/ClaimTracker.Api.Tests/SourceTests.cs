using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests;

public sealed class SourceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("The Korea Herald", "the-korea-herald")]
    [InlineData("Agence France-Presse", "agence-france-presse")]
    [InlineData("  Le Monde (Edition   globale) ", "le-monde-edition-globale")]
    [InlineData("Yang Moo-jin, University of North Korean Studies", "yang-moo-jin-university-of-north-korean-studies")]
    [InlineData("新华社", "新华社")]
    [InlineData("人民日报 Online", "人民日报-online")]
    [InlineData("Хабаровский край", "хабаровский-край")]
    [InlineData("एनडीटीवी", "एनडीटीवी")]
    public async Task CreateSource_WithoutSlug_DerivesTheSlugFromTheName(string name, string slug)
    {
        var suffix = Unique();

        var response = await _client.PostJsonAsync("/sources", Source($"{name} {suffix}", "outlet", country: "kr"));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var source = await response.ReadAsync<SourceResponse>();
        Assert.Equal($"/sources/{slug}-{suffix}", response.Headers.Location?.OriginalString);
        Assert.Equal(($"{slug}-{suffix}", $"{name} {suffix}".Trim(), SourceKind.Outlet, "KR", 1),
            (source.Slug, source.Name, source.Kind, source.Country, source.Version));
        Assert.Null(source.Scope);
        Assert.Equal(new TrackRecordResponse(0, 0, 0, 0, 0, 0, 0, 0, null, 0), source.TrackRecord);
    }

    [Fact]
    public async Task CreateSource_Anonymous_IsScopedByTheOutletThatRelayedIt()
    {
        var yonhap = await _client.CreateSourceAsync(Source("Yonhap News Agency", "wire_agency", slug: $"yonhap-{Unique()}"));

        var response = await _client.PostJsonAsync("/sources", Source("Unidentified official", "anonymous", scope: yonhap.Slug));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var source = await response.ReadAsync<SourceResponse>();
        Assert.Equal($"{yonhap.Slug}.unidentified-official", source.Slug);
        Assert.Equal($"/sources/{yonhap.Slug}.unidentified-official", response.Headers.Location?.OriginalString);
        Assert.Equal(new SourceLink(yonhap.Id, yonhap.Slug, yonhap.Name), source.Scope);
    }

    [Theory]
    [InlineData("Korea Herald {0}", null, "Korea Herald {0}", null)]
    [InlineData("Korea Herald {0}", "herald-{0}", "The Herald {0}", "herald-{0}")]
    public async Task CreateSource_WithATakenSlug_Returns409(string firstName, string? firstSlug, string secondName, string? secondSlug)
    {
        var suffix = Unique();
        await _client.CreateSourceAsync(Source(string.Format(firstName, suffix), slug: firstSlug is null ? null : string.Format(firstSlug, suffix)));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/sources",
            Source(string.Format(secondName, suffix), slug: secondSlug is null ? null : string.Format(secondSlug, suffix))));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GetSource_BySlugOrById_ReturnsTheSameSource()
    {
        var created = await _client.CreateSourceAsync(Source($"Korea Herald {Unique()}", homepage: "https://www.koreaherald.com"));

        var bySlug = await _client.GetOkAsync<GetSource.Response>($"/sources/{created.Slug}");
        var byId = await _client.GetOkAsync<GetSource.Response>($"/sources/{created.Id}");

        Assert.Equivalent(created, bySlug.Source, strict: true);
        Assert.Equivalent(created, byId.Source, strict: true);
        Assert.Equal((0, 0), (byId.ClaimCount, byId.Claims.Count));
    }

    [Fact]
    public async Task GetSource_ListsTheClaimsItCarriedWithItsRoles()
    {
        var suffix = Unique();
        var yonhap = await _client.CreateSourceAsync(Source($"Yonhap {suffix}", "wire_agency"));
        var claim = await _client.RecordClaimAsync(NewClaim(suffix, chain: [Link(Inline($"Official {suffix}", "official")), Link(Slug(yonhap.Slug))]));

        var source = await _client.GetOkAsync<GetSource.Response>($"/sources/{yonhap.Slug}");

        var carried = Assert.Single(source.Claims);
        Assert.Equal((claim.Id, ClaimStatus.Unverified, ChainRole.Relay), (carried.Id, carried.Status, Assert.Single(carried.Roles)));
        Assert.Equal((1, 1, 1), (source.ClaimCount, source.Source.TrackRecord.Relayed, source.Source.TrackRecord.Pending));
    }

    [Theory]
    [InlineData("no-such-source")]
    [InlineData("0193a000-0000-7000-8000-000000000001")]
    public async Task GetSource_Unknown_Returns404Problem(string idOrSlug)
    {
        var response = await _client.GetAsync($"/sources/{idOrSlug}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateSource_WithTheCurrentVersion_ReplacesNameAndKindAndKeepsTheSlug()
    {
        var created = await _client.CreateSourceAsync(Source($"YTN {Unique()}", "outlet"));

        var updated = await _client.PutJsonAsync($"/sources/{created.Id}",
                SourceUpdate("YTN 24-hour news", "broadcaster", created.Version, "https://www.ytn.co.kr", "kr"))
            .ExpectAsync<SourceResponse>(HttpStatusCode.OK);

        Assert.Equal((created.Slug, "YTN 24-hour news", SourceKind.Broadcaster, "https://www.ytn.co.kr", "KR", created.Version + 1),
            (updated.Slug, updated.Name, updated.Kind, updated.Homepage, updated.Country, updated.Version));
        Assert.Equivalent(updated, (await _client.GetOkAsync<GetSource.Response>($"/sources/{created.Id}")).Source, strict: true);
    }

    [Fact]
    public async Task UpdateSource_ToAnonymousWithoutScope_Returns409()
    {
        var created = await _client.CreateSourceAsync(Source($"YTN {Unique()}", "broadcaster"));

        var response = await api.WithoutWritesAsync(() =>
            _client.PutJsonAsync($"/sources/{created.Id}", SourceUpdate(created.Name, "anonymous", created.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

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

    [Theory]
    [InlineData("  Le Monde (Édition   globale) ", "le-monde-edition-globale")]
    [InlineData("Société Générale Presse", "societe-generale-presse")]
    public async Task CreateSource_WithAccentedName_FoldsTheAccents(string name, string slug)
    {
        var suffix = Unique();
        var source = await _client.CreateSourceAsync(Source($"{name} {suffix}"));
        Assert.Equal($"{slug}-{suffix}", source.Slug);
    }

    [Fact]
    public async Task CreateSource_WithNamesInOtherScripts_GivesEachItsOwnSource()
    {
        var suffix = Unique();
        var xinhua = await _client.CreateSourceAsync(Source($"新华社 {suffix}", "wire_agency"));
        var peoplesDaily = await _client.CreateSourceAsync(Source($"人民日报 {suffix}"));

        Assert.NotEqual(xinhua.Slug, peoplesDaily.Slug);
        Assert.Equal(xinhua.Id, (await _client.GetOkAsync<GetSource.Response>($"/sources/{Uri.EscapeDataString(xinhua.Slug)}")).Source.Id);
    }

    [Fact]
    public async Task CreateSource_ScopedByAnOutletWithALongSlug_GetsAValidSlugOfItsOwn()
    {
        var outlet = await _client.CreateSourceAsync(Source("Outlet", slug: $"o{Unique()}{new string('x', 91)}"));

        var source = await _client.CreateSourceAsync(Source(new string('y', 150), "anonymous", scope: outlet.Slug));

        Assert.Equal($"{outlet.Slug}.{new string('y', 100)}", source.Slug);
        Assert.Equal(source.Id, (await _client.GetOkAsync<GetSource.Response>($"/sources/{source.Slug}")).Source.Id);
    }
}
