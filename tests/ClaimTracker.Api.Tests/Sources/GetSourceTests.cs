using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Sources;

public sealed class GetSourceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

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

    [Fact]
    public async Task GetSource_AfterAMerge_ListsTheSurvivingClaimOnceAndNotTheMergedOne()
    {
        var suffix = Unique();
        var yonhap = await _client.CreateSourceAsync(Source($"Yonhap {suffix}", "wire_agency"));
        var target = await _client.RecordClaimAsync(NewClaim($"{suffix} a", chain: [Link(Slug(yonhap.Slug))]));
        var duplicate = await _client.RecordClaimAsync(NewClaim($"{suffix} b", chain: [Link(Slug(yonhap.Slug))]));
        var other = await _client.CreateSourceAsync(Source($"Tass {suffix}", "wire_agency"));
        var moved = await _client.RecordClaimAsync(NewClaim($"{suffix} c", chain: [Link(Slug(other.Slug))]));
        Assert.Equal(2, (await _client.GetOkAsync<GetSource.Response>($"/sources/{yonhap.Slug}")).ClaimCount);

        (await _client.PostJsonAsync($"/claims/{duplicate.Id}/merge", new { into = target.Id })).EnsureSuccessStatusCode();
        (await _client.PostJsonAsync($"/claims/{moved.Id}/merge", new { into = target.Id })).EnsureSuccessStatusCode();

        var source = await _client.GetOkAsync<GetSource.Response>($"/sources/{yonhap.Slug}");
        Assert.Equal((1, target.Id), (source.ClaimCount, Assert.Single(source.Claims).Id));
        var tass = await _client.GetOkAsync<GetSource.Response>($"/sources/{other.Slug}");
        Assert.Equal((1, target.Id), (tass.ClaimCount, Assert.Single(tass.Claims).Id));
        var listed = await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?source={other.Id}");
        Assert.Equal((1, target.Id), (listed.Total, Assert.Single(listed.Items).Id));
    }

    [Theory]
    [InlineData("no-such-source")]
    [InlineData("0193a000-0000-7000-8000-000000000001")]
    public async Task GetSource_Unknown_Returns404Problem(string idOrSlug)
    {
        var response = await _client.GetAsync($"/sources/{idOrSlug}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
