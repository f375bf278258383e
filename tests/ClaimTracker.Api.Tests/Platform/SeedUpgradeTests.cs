using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Migrations;

namespace ClaimTracker.Api.Tests.Platform;

// A database seeded before the sample story named parties and memberOf links (run.sh keeps its database between
// starts): the next load adds them, and the claims' statuses and interested evidence follow.
public sealed class SeedUpgradeTests(ApiFactory api) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly HttpClient _client = api.CreateClient();
    private readonly string _oldSeeds = Directory.CreateTempSubdirectory("claimtracker-old-seeds-").FullName;

    [Fact]
    public async Task LoadingTheSeeds_OverAStoryWithoutParties_NamesThemAndLinksStateMedia()
    {
        var seeds = SeedFiles.Locate(null);
        File.Copy(Path.Combine(seeds, SeedFiles.Lexicon), Path.Combine(_oldSeeds, SeedFiles.Lexicon));
        var story = JsonNode.Parse(File.ReadAllText(Path.Combine(seeds, SeedFiles.SampleStory)))!.AsObject();
        foreach (var source in story["sources"]!.AsArray()) source!.AsObject().Remove("memberOf");
        foreach (var claim in story["claims"]!.AsArray()) claim!.AsObject().Remove("parties");
        File.WriteAllText(Path.Combine(_oldSeeds, SeedFiles.SampleStory), story.ToJsonString());

        await DatabaseSetup.RunAsync(api.ConnectionString, _oldSeeds, sample: true, TextWriter.Null, CancellationToken.None);
        var before = await C1Async();
        Assert.Empty(before.Parties);
        Assert.All(before.Evidence, e => Assert.False(e.Interested));
        var counts = await api.RowCountsAsync();

        await DatabaseSetup.RunAsync(api.ConnectionString, seeds, sample: true, TextWriter.Null, CancellationToken.None);

        var after = await C1Async();
        Assert.Equal(["kremlin", "north-korea"], after.Parties.Select(p => p.Slug).Order());
        Assert.All(after.Evidence, e => Assert.True(e.Interested));
        Assert.Equal(ClaimStatus.Confirmed, after.Status);
        Assert.Equal("north-korea", (await _client.GetOkAsync<GetSource.Response>("/sources/kcna")).Source.MemberOf?.Slug);
        var grown = await api.RowCountsAsync();
        Assert.Equal(counts["claims"], grown["claims"]);
        Assert.Equal(counts["evidence"], grown["evidence"]);
    }

    private async Task<ClaimResponse> C1Async()
    {
        const string statement = "Kim Jong Un's train has departed for Russia";
        var page = await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?q={Uri.EscapeDataString(statement)}");
        return await _client.GetClaimAsync(Assert.Single(page.Items, c => c.Statement == statement).Id);
    }

    public void Dispose() => Directory.Delete(_oldSeeds, recursive: true);
}
