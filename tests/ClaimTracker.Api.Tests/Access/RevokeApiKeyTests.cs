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

    // The API keeps keys it has read for up to a minute; a revocation written straight into the database (an operator's
    // SQL, another instance) must still end the key's use at once, not when the cached copy expires.
    [Fact]
    public async Task KeyRevokedOutsideTheApi_IsRefusedWithinSecondsThoughCached()
    {
        var created = await api.CreateKeyAsync(Role.Editor);
        var editor = api.ClientWithKey(created.Key);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/claims")).StatusCode);

        await using (var connection = new Npgsql.NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var revoke = new Npgsql.NpgsqlCommand(
                "UPDATE api_keys SET revoked_at = now(), revoked_by = 'sql' WHERE id = $1", connection)
            { Parameters = { new() { Value = created.ApiKey.Id } } };
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync());
        }

        await Revocations.RefusedSoonAsync(editor, "/claims");
    }
}
