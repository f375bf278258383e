using System.Net;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Sources;

public sealed class UpdateSourceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

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

    // GET /sources/yonhap works, and the OpenAPI document names PUT's parameter idOrSlug: PUT must take the slug too.
    [Fact]
    public async Task UpdateSource_BySlug_UpdatesTheSourceWithTheSameVersionRules()
    {
        var created = await _client.CreateSourceAsync(Source($"Yonhap {Unique()}", "wire_agency"));

        var updated = await _client.PutJsonAsync($"/sources/{created.Slug}", SourceUpdate("Yonhap News Agency", "wire_agency", created.Version))
            .ExpectAsync<SourceResponse>(HttpStatusCode.OK);
        var stale = await api.WithoutWritesAsync(() =>
            _client.PutJsonAsync($"/sources/{created.Slug}", SourceUpdate("Yonhap again", "wire_agency", created.Version)));

        Assert.Equal((created.Id, created.Slug, "Yonhap News Agency", created.Version + 1), (updated.Id, updated.Slug, updated.Name, updated.Version));
        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UpdateSource_BySlugWithIfMatch_HonoursTheETag()
    {
        var created = await _client.CreateSourceAsync(Source($"Yonhap {Unique()}", "wire_agency"));
        var etag = (await _client.GetAsync($"/sources/{created.Slug}")).Headers.ETag!.Tag;

        var first = await _client.SendAsync(PutIfMatch($"/sources/{created.Slug}", new { name = "Yonhap renamed", kind = "wire_agency" }, etag));
        var stale = await api.WithoutWritesAsync(() =>
            _client.SendAsync(PutIfMatch($"/sources/{created.Slug}", new { name = "Yonhap twice", kind = "wire_agency" }, etag)));

        await first.AssertStatusAsync(HttpStatusCode.OK);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task UpdateSource_BySlugWithoutAKey_Returns401()
    {
        var created = await _client.CreateSourceAsync(Source($"Yonhap {Unique()}", "wire_agency"));

        var response = await api.WithoutWritesAsync(() =>
            api.AnonymousClient().PutJsonAsync($"/sources/{created.Slug}", SourceUpdate("Yonhap News Agency", "wire_agency", created.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UpdateSource_UnknownSlug_Returns404NamingIt()
    {
        var slug = $"no-such-source-{Unique()}".ToLowerInvariant();

        var response = await api.WithoutWritesAsync(() => _client.PutJsonAsync($"/sources/{slug}", SourceUpdate("Nobody", "outlet", 1)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(slug, problem.Detail);
    }

    private static HttpRequestMessage PutIfMatch(string url, object body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task UpdateSource_ReplacesTheAliases_AndLeavingThemOutClearsThem()
    {
        var u = Unique();
        var source = await _client.CreateSourceAsync(Source($"Yonhap News Agency {u}", "wire_agency", aliases: [$"Yonhap {u}"]));

        var replaced = await _client.PutJsonAsync($"/sources/{source.Id}",
                SourceUpdate(source.Name, "wire_agency", source.Version, aliases: [$"Yonhap {u}", $"Yonhap news agency {u}"]))
            .ExpectAsync<SourceResponse>(HttpStatusCode.OK);
        var cleared = await _client.PutJsonAsync($"/sources/{source.Id}", SourceUpdate(source.Name, "wire_agency", replaced.Version))
            .ExpectAsync<SourceResponse>(HttpStatusCode.OK);

        Assert.Equal([$"Yonhap {u}", $"Yonhap news agency {u}"], replaced.Aliases);
        Assert.Empty(cleared.Aliases);
        Assert.Equal(source.Version + 2, cleared.Version);
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

    [Fact]
    public async Task UpdateSource_ToAnonymousWithoutScope_Returns409()
    {
        var created = await _client.CreateSourceAsync(Source($"YTN {Unique()}", "broadcaster"));

        var response = await api.WithoutWritesAsync(() =>
            _client.PutJsonAsync($"/sources/{created.Id}", SourceUpdate(created.Name, "anonymous", created.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    // Values too long or too many for a constant in an attribute.
    public static TheoryData<string, string?, string> OverTheLimits => new()
    {
        { "aliases", Json(Enumerable.Range(0, 21).Select(i => $"Alias {i}")), "aliases" },
    };

    [Theory]
    [InlineData("name", "\"\"", "name")]
    [InlineData("kind", null, "kind")]
    [InlineData("kind", "\"blog\"", "$.kind")]
    [InlineData("version", null, "version")]
    [InlineData("country", "\"Korea\"", "country")]
    [InlineData("slug", "\"renamed\"", "$.slug")]
    [InlineData("aliases", "[\"\"]", "aliases[0]")]
    [MemberData(nameof(OverTheLimits))]
    public async Task UpdateSource_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "PUT /sources/{id}");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Fact]
    public async Task UpdateSource_Unknown_Returns404()
    {
        var response = await api.WithoutWritesAsync(() =>
            _client.PutJsonAsync($"/sources/{Guid.CreateVersion7()}", SourceUpdate("Yonhap News Agency", "wire_agency", 1)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
