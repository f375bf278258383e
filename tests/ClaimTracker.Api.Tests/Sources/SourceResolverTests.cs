using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Sources;

// Other names a source goes by in the news ("Washington" for the US government), and matching names to sources.
public sealed class SourceResolverTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task InlineSource_CreatedWithAliases_KeepsThem_AndNamingItAgainDoesNotChangeThem()
    {
        var u = Unique();
        var kremlin = new { name = $"Dmitry Peskov {u}", kind = "official", aliases = new[] { $"Peskov {u}" } };
        var claim = await _client.RecordClaimAsync(NewClaim(u, chain: [Link(kremlin)]));

        await _client.RecordClaimAsync(NewClaim(Unique(), chain: [Link(kremlin with { aliases = new[] { $"Kremlin {u}" } })]));

        var slug = claim.Reports[0].Chain[0].Source.Slug;
        Assert.Equal([$"Peskov {u}"], (await _client.GetOkAsync<GetSource.Response>($"/sources/{slug}")).Source.Aliases);
    }

    [Fact]
    public async Task MatchByName_FindsSourcesByNameAliasOrSlug_CaseInsensitively()
    {
        var u = Unique();
        var government = await _client.CreateSourceAsync(Source($"South Korean government {u}", "government", aliases: [$"Seoul {u}", $"South Korea {u}"]));
        var yonhap = await _client.CreateSourceAsync(Source($"Yonhap News Agency {u}", "wire_agency", slug: $"yna-{u}", aliases: [$"Yonhap {u}"]));

        var matches = await MatchAsync($"south korea {u}", $"SEOUL {u}", $"Yonhap News Agency {u}", $"yonhap {u}", $"YNA-{u}", $"Pyongyang {u}", " ");

        Assert.Equal(
            new[]
            {
                ($"south korea {u}", government.Id), ($"SEOUL {u}", government.Id), ($"Yonhap News Agency {u}", yonhap.Id),
                ($"yonhap {u}", yonhap.Id), ($"YNA-{u}", yonhap.Id),
            }.OrderBy(m => m.Item1, StringComparer.Ordinal),
            matches.Select(m => (m.Key, m.Value.Id)).OrderBy(m => m.Key, StringComparer.Ordinal));
        Assert.False(matches.ContainsKey($"Pyongyang {u}"));
    }

    [Fact]
    public async Task MatchByName_PrefersTheSourceNamedSo_ThenAnAlias_ThenASlug_ThenTheOldest()
    {
        var u = Unique();
        var government = await _client.CreateSourceAsync(Source($"South Korean government {u}", "government", aliases: [$"Seoul {u}"]));
        var city = await _client.CreateSourceAsync(Source($"Seoul {u}", "other"));
        var bySlug = await _client.CreateSourceAsync(Source($"Korean Central News Agency {u}", "wire_agency", slug: $"kcna-{u}"));
        var byAlias = await _client.CreateSourceAsync(Source($"KCNA Watch {u}", "outlet", aliases: [$"kcna-{u}"]));
        var older = await _client.CreateSourceAsync(Source($"US government {u}", "government", aliases: [$"Washington {u}"]));
        await _client.CreateSourceAsync(Source($"Washington Post {u}", "outlet", aliases: [$"Washington {u}"]));

        var matches = await MatchAsync($"seoul {u}", $"KCNA-{u}", $"washington {u}");

        Assert.Equal(city.Id, matches[$"seoul {u}"].Id);
        Assert.Equal(byAlias.Id, matches[$"KCNA-{u}"].Id);
        Assert.Equal(older.Id, matches[$"washington {u}"].Id);
        Assert.NotEqual(government.Id, city.Id);
        Assert.NotEqual(bySlug.Id, byAlias.Id);
    }

    [Fact]
    public async Task MatchByName_OfNoNames_FindsNothing()
    {
        Assert.Empty(await MatchAsync());
    }

    private async Task<IReadOnlyDictionary<string, Source>> MatchAsync(params string[] names)
    {
        using var scope = api.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SourceResolver>().MatchByNameAsync(names, CancellationToken.None);
    }
}
