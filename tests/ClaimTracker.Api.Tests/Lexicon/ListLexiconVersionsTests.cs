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
}
