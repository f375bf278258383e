using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Platform;

// What every deployment relies on: health probes, Swagger UI, and problem details for routes that do not exist.
public sealed class PlatformTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithTheDatabaseUp_IsHealthy(string path)
    {
        var response = await _client.GetAsync(path);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("healthy", (string?)health["status"]);
        Assert.IsType<JsonObject>(health["checks"]);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // A proxy must not answer a probe from its cache.
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task HealthLive_IgnoresAKeyThatIsNotOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Api-Key", "not-a-key");

        await (await _client.SendAsync(request)).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HealthReady_ChecksTheDatabase()
    {
        var health = JsonNode.Parse(await _client.GetStringAsync("/health/ready"))!;

        Assert.Equal("healthy", (string?)health["checks"]?["database"]);
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await _client.GetAsync("/swagger/index.html");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ClaimTracker API", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await _client.GetAsync("/kim-jong-un/train");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/kim-jong-un/train", "application/xml", HttpStatusCode.NotFound)]
    [InlineData("/lexicon?includeRetired=maybe", "text/html", HttpStatusCode.BadRequest)]
    public async Task Problem_ForAClientThatAcceptsNoJson_IsStillProblemJson(string url, string accept, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);

        var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(status);
    }
}
