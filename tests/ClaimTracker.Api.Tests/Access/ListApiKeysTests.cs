using System.Net;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Access;

public sealed class ListApiKeysTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task ListKeys_WalkedByToken_ReturnsEveryKeyOnceNewestFirst_WhileKeysAreCreated()
    {
        for (var i = 0; i < 4; i++) await api.CreateKeyAsync(Role.Reader);
        var expected = (await ListAsync("pageSize=100")).Items.Select(k => k.Id).ToList();

        var walked = (await TokenWalk.WalkAsync(token => ListAsync("pageSize=2" + TokenWalk.After(token)), () => api.CreateKeyAsync(Role.Editor)))
            .Select(k => k.Id).ToList();

        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(expected, walked.Where(expected.Contains));
    }

    [Fact]
    public async Task ListKeys_WithTheTokenOfAnotherQuery_IsRefusedNamingPageToken()
    {
        for (var i = 0; i < 2; i++) await api.CreateKeyAsync(Role.Reader);
        var token = (await ListAsync("pageSize=1")).NextPageToken!;

        await (await _admin.GetAsync($"/keys?includeRevoked=true&pageSize=1&pageToken={token}")).AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
        await (await _admin.GetAsync($"/keys?pageSize=1&page=2&pageToken={token}")).AssertProblemAsync(HttpStatusCode.BadRequest, "page");
    }

    private Task<PagedList<ApiKeyResponse>> ListAsync(string query) => _admin.GetOkAsync<PagedList<ApiKeyResponse>>($"/keys?{query}");
}
