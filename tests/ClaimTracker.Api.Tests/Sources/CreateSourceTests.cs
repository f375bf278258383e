using System.Net;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Sources;

public sealed class CreateSourceTests(ApiFactory api) : IClassFixture<ApiFactory>
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

    [Fact]
    public async Task CreateSource_ScopedByAnOutletWithALongSlug_GetsAValidSlugOfItsOwn()
    {
        var outlet = await _client.CreateSourceAsync(Source("Outlet", slug: $"o{Unique()}{new string('x', 91)}"));

        var source = await _client.CreateSourceAsync(Source(new string('y', 150), "anonymous", scope: outlet.Slug));

        Assert.Equal($"{outlet.Slug}.{new string('y', 100)}", source.Slug);
        Assert.Equal(source.Id, (await _client.GetOkAsync<GetSource.Response>($"/sources/{source.Slug}")).Source.Id);
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
    public async Task CreateSource_WithAliases_KeepsThemTrimmedAndOnceWhateverTheirCase()
    {
        var u = Unique();

        var source = await _client.CreateSourceAsync(Source($"US government {u}", "government",
            aliases: [$" Washington {u} ", $"White House {u}", $"WASHINGTON {u}", $"US {u}"]));

        Assert.Equal([$"Washington {u}", $"White House {u}", $"US {u}"], source.Aliases);
        Assert.Equal(source.Aliases, (await _client.GetOkAsync<GetSource.Response>($"/sources/{source.Slug}")).Source.Aliases);
    }

    [Fact]
    public async Task CreateSource_WithoutAliases_HasNone()
    {
        var source = await _client.CreateSourceAsync(Source($"Korea Herald {Unique()}"));

        Assert.Empty(source.Aliases);
    }

    // Values too long or too many for a constant in an attribute.
    public static TheoryData<string, string?, string> OverTheLimits => new()
    {
        { "aliases", Json(Enumerable.Range(0, 21).Select(i => $"Alias {i}")), "aliases" },
        { "aliases", Json(new[] { new string('x', 201) }), "aliases[0]" },
    };

    [Theory]
    [InlineData("name", null, "name")]
    [InlineData("name", "\"\"", "name")]
    [InlineData("kind", null, "kind")]
    [InlineData("kind", "\"blog\"", "$.kind")]
    [InlineData("kind", "\"anonymous\"", "scope")]
    [InlineData("slug", "\"Not A Slug\"", "slug")]
    [InlineData("homepage", "\"not a url\"", "homepage")]
    [InlineData("country", "\"KOR\"", "country")]
    [InlineData("name", "\"Bad\\u0000Name\"", "$.name")]
    [InlineData("aliases", "[\"\"]", "aliases[0]")]
    [InlineData("aliases", "[\"Seoul\", \"  \"]", "aliases[1]")]
    [InlineData("aliases", "\"Seoul\"", "$.aliases")]
    [MemberData(nameof(OverTheLimits))]
    public async Task CreateSource_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /sources");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("scope", "\"no-such-source\"", "scope")]
    public async Task CreateSource_NamingSomethingUnknown_Returns404NamingTheField(string field, string json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /sources");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, errorKey);
    }
}
