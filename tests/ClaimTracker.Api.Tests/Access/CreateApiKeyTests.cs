using System.Net;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Access;

public sealed class CreateApiKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Keys_AreShownOnceAndListedWithoutTheirSecret()
    {
        var created = await api.CreateKeyAsync(Role.Reader, $"listed {Requests.Unique()}");

        Assert.StartsWith("ctk_", created.Key);
        var listing = await _admin.GetStringAsync("/keys?pageSize=100");
        Assert.Contains(created.ApiKey.Name, listing);
        Assert.DoesNotContain(created.Key[^20..], listing);
        Assert.DoesNotContain("secret", listing, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"name": "", "role": "editor"}""", "name")]
    [InlineData("""{"name": "script", "role": "owner"}""", "$.role")]
    [InlineData("""{"name": "script"}""", "role")]
    public async Task CreateKey_WithABadBody_Returns400NamingTheField(string body, string field)
    {
        var response = await api.WithoutWritesAsync(() => _admin.PostRawAsync("/keys", body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
