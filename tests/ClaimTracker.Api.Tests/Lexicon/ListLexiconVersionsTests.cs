using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Lexicon;

public sealed class ListLexiconVersionsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ListVersions_NewestFirst_Paged()
    {
        var first = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var second = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));

        var page = await _client.GetOkAsync<PagedList<ListLexiconVersions.Item>>("/lexicon/versions?pageSize=2");
        var next = await _client.GetOkAsync<PagedList<ListLexiconVersions.Item>>("/lexicon/versions?pageSize=2&page=2");

        Assert.Equal([second.CreatedInVersion, first.CreatedInVersion], page.Items.Select(v => v.Version));
        Assert.Equal(($"Added '{second.Phrase}' (claimtracker, en)", 1), (page.Items[0].Summary, page.Items[0].ChangeCount));
        Assert.Equal(second.CreatedInVersion, page.Total);
        Assert.Equal(first.CreatedInVersion - 1, next.Items[0].Version);
        var seed = await _client.GetOkAsync<GetLexiconVersion.Response>("/lexicon/versions/1");
        Assert.StartsWith("Loaded ", seed.Summary);
        Assert.EndsWith(" term(s) from seeds/lexicon.json", seed.Summary);
        Assert.All(seed.Changes, c => Assert.Equal(LexiconAction.Added, c.Action));
    }

    [Fact]
    public async Task ListVersions_WalkedByToken_ReturnsEveryVersionOnceNewestFirst_WhileTermsAreAdded()
    {
        for (var i = 0; i < 3; i++) await _client.AddLexiconTermAsync(NewTerm($"walked-{Unique()}"));
        var expected = (await ListAsync("pageSize=100")).Items.Select(v => v.Version).ToList();

        var walked = (await TokenWalk.WalkAsync(token => ListAsync("pageSize=2" + TokenWalk.After(token)),
            () => _client.AddLexiconTermAsync(NewTerm($"meanwhile-{Unique()}")))).Select(v => v.Version).ToList();

        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(expected, walked.Where(expected.Contains));
    }

    private Task<PagedList<ListLexiconVersions.Item>> ListAsync(string query) =>
        _client.GetOkAsync<PagedList<ListLexiconVersions.Item>>($"/lexicon/versions?{query}");
}
