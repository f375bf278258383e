using System.Net;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Access;

public sealed class RevokeApiKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task RevokedKey_IsRefusedFromTheNextRequestOn()
    {
        var created = await api.CreateKeyAsync(Role.Editor);
        var editor = api.ClientWithKey(created.Key);
        await editor.RecordClaimAsync(Requests.NewClaim(Requests.Unique()));

        var revoked = await _admin.PostAsync($"/keys/{created.ApiKey.Id}/revoke", null).ExpectAsync<ApiKeyResponse>(HttpStatusCode.OK);

        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal($"key:{TestDatabase.AdminKeyId}", revoked.RevokedBy);
        var response = await api.WithoutWritesAsync(() => editor.PostJsonAsync("/claims", Requests.NewClaim(Requests.Unique())));
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.Detail);
        await (await editor.GetAsync("/claims")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await _admin.PostAsync($"/keys/{created.ApiKey.Id}/revoke", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
