using System.Net;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Sources;

// Keyset pages of GET /sources: every test names its sources with a suffix of its own and filters by it.
public sealed class ListSourcesPagingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("-accuracy")]
    public async Task ListSources_WalkedByToken_ReturnsEverySourceOnceInOrder_WhileSourcesAreCreated(string sort)
    {
        var suffix = Unique();
        foreach (var name in new[] { "Delta", "Alpha", "Echo", "Bravo", "Charlie" })
            await _client.CreateSourceAsync(Source($"{name} {suffix}", "outlet"));
        var expected = (await ListAsync($"name={suffix}&sort={sort}&pageSize=100")).Items.Select(s => s.Id).ToList();

        var walked = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ListAsync($"name={suffix}&sort={sort}&pageSize=2" + (token is null ? "" : $"&pageToken={token}"));
            walked.AddRange(page.Items.Select(s => s.Id));
            token = page.NextPageToken;
            if (++pages <= 2)
            {
                await _client.CreateSourceAsync(Source($"Aardvark {suffix} {Unique()}", "outlet"));
                await _client.CreateSourceAsync(Source($"Zulu {suffix} {Unique()}", "outlet"));
            }
            Assert.True(pages < 50, "The walk did not end.");
        } while (token is not null);

        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(expected, walked.Where(expected.Contains));
    }

    [Fact]
    public async Task ListSources_WithTheTokenOfAnotherQueryOrATamperedOne_IsRefusedNamingPageToken()
    {
        var suffix = Unique();
        for (var i = 0; i < 3; i++) await _client.CreateSourceAsync(Source($"Outlet {i} {suffix}", "outlet"));
        var token = (await ListAsync($"name={suffix}&pageSize=1")).NextPageToken!;

        await (await _client.GetAsync($"/sources?name={suffix}&sort=-name&pageSize=1&pageToken={token}")).AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
        await (await _client.GetAsync($"/sources?name={suffix}&kind=official&pageSize=1&pageToken={token}")).AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
        await (await _client.GetAsync($"/sources?name={suffix}&pageSize=1&pageToken={token[..^3]}")).AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
        await (await _client.GetAsync($"/sources?page={Paging.MaxOffsetItems + 1}&pageSize=1")).AssertProblemAsync(HttpStatusCode.BadRequest, "page");
    }

    private Task<PagedList<SourceResponse>> ListAsync(string query) => _client.GetOkAsync<PagedList<SourceResponse>>($"/sources?{query}");
}
