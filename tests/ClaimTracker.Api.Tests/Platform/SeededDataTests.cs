using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using ClaimTracker.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Api.Tests.Platform;

// What a newcomer sees first: the sample story of DOMAIN.md as seeds/sample-story.json loads it.
public sealed class SeededDataTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private const string C1 = "Kim Jong Un's train has departed for Russia";

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task C1_ShowsItsAppearsReportItsTwoConfirmationsAndItsHistory()
    {
        var claim = await FindAsync(C1);

        var report = Assert.Single(claim.Reports);
        Assert.Equal(["appears", "possibly"], report.HedgeWords);
        var appears = Assert.Single(report.Cues, c => c.Phrase == "appears");
        Assert.Equal(("claimtracker", 0.7, true), (appears.Scale, appears.Probability, appears.Quoted));
        Assert.Equal(
            [("yonhap.unidentified-officials", ChainRole.Origin), ("yonhap", ChainRole.Relay), ("afp", ChainRole.Relay), ("ndtv", ChainRole.Publisher)],
            report.Chain.Select(l => (l.Source.Slug, l.Role)));

        Assert.Equal(ClaimStatus.Confirmed, claim.Status);
        Assert.Equal(["https://tass.com/world/1673811", "https://tass.com/world/1673965"], claim.Evidence.Select(e => e.Article.Url));
        Assert.All(claim.Evidence, e => Assert.Equal((Stance.Confirms, true), (e.Stance, e.Conclusive)));
        Assert.Equal([(null, ClaimStatus.Unverified, null), (ClaimStatus.Unverified, ClaimStatus.Confirmed, claim.Evidence[0].Id)],
            claim.History.Select(h => (h.From, h.To, h.EvidenceId)));
    }

    [Fact]
    public async Task C1_IsConfirmedByTheStatesItIsAbout_SoItsEvidenceIsInterestedAndItsCredibilityIsNotOne()
    {
        var claim = await FindAsync(C1);

        Assert.Equal(["kremlin", "north-korea"], claim.Parties.Select(p => p.Slug).Order());
        Assert.Equal([("kcna", true), ("dmitry-peskov", true)], claim.Evidence.Select(e => (e.Chain[0].Source.Slug, e.Interested)));
        Assert.Equal(ClaimStatus.Confirmed, claim.Status);
        Assert.Equal(2, claim.Admiralty!.Credibility);
    }

    [Fact]
    public async Task StateMedia_SpeakForTheirGovernments()
    {
        foreach (var (member, group) in new[] { ("kcna", "north-korea"), ("tass", "kremlin"), ("dmitry-peskov", "kremlin") })
            Assert.Equal(group, (await _client.GetOkAsync<GetSource.Response>($"/sources/{member}")).Source.MemberOf?.Slug);
    }

    [Theory]
    [InlineData(C1, "confirmed")]
    [InlineData("Kim Jong Un will travel by armoured train to Vladivostok for arms talks with Putin", "partly_confirmed")]
    [InlineData("The train carrying Kim Jong Un is moving to Vladivostok", "contradicted")]
    [InlineData("Kim Jong Un has left Pyongyang and is en route to Russia", "confirmed")]
    [InlineData("Kim Jong Un and Vladimir Putin will meet around Wednesday 13 September 2023", "confirmed")]
    [InlineData("North Korea is supplying Russia with rockets and missiles", "unverified")]
    [InlineData("Putin is seeking artillery shells and antitank missiles from North Korea", "unverified")]
    [InlineData("Kim Jong Un seeks satellite and nuclear-submarine technology, and food aid, from Russia", "unverified")]
    [InlineData("Kim Jong Un lacks confidence in his private jet", "unverified")]
    public async Task SeededClaim_HasTheStatusItsEvidenceGives(string statement, string status)
    {
        var claim = await FindAsync(statement);

        Assert.Equal(SnakeCase.Parse<ClaimStatus>(status), claim.Status);
    }

    [Fact]
    public async Task Yonhap_RelayedThreeClaims_TwoConfirmedAndOneContradicted()
    {
        var yonhap = await _client.GetOkAsync<GetSource.Response>("/sources/yonhap");

        var track = yonhap.Source.TrackRecord;
        Assert.Equal((0, 3, 2, 0, 1, 0, 3), (track.Originated, track.Relayed, track.Confirmed, track.PartlyConfirmed, track.Contradicted, track.Pending, track.SampleSize));
        Assert.Equal(2.0 / 3, track.Accuracy!.Value, 1e-9);
        Assert.Equal(3, yonhap.ClaimCount);
    }

    [Fact]
    public async Task SeededSources_AreMatchedByTheNamesTheArticleUses()
    {
        string[] names = ["Washington", "White House", "Seoul", "Yonhap news agency", "The New York Times", "AFP", "YTN", "Peskov", "Yang Moo-jin", "Kookmin University"];

        using var scope = api.Services.CreateScope();
        var matches = await scope.ServiceProvider.GetRequiredService<SourceResolver>().MatchByNameAsync(names, CancellationToken.None);

        Assert.Equal(
            ["us-government", "us-government", "south-korean-government", "yonhap", "the-new-york-times", "afp", "ytn", "dmitry-peskov", "yang-moo-jin"],
            names.Where(matches.ContainsKey).Select(n => matches[n].Slug));
        Assert.False(matches.ContainsKey("Kookmin University"));
    }

    [Fact]
    public async Task LexiconAndReports_StartAtVersionOne()
    {
        var lexicon = await _client.GetOkAsync<Api.Features.Lexicon.GetLexicon.Response>("/lexicon");
        var claim = await FindAsync(C1);

        Assert.Equal(1, lexicon.Version);
        Assert.Equal(1, Assert.Single(claim.Reports).LexiconVersion);
    }

    [Fact]
    public async Task LoadingTheSeedsAgain_AddsNothing()
    {
        var before = await api.RowCountsAsync();

        await DatabaseSetup.RunAsync(api.ConnectionString, SeedFiles.Locate(null), sample: true, TextWriter.Null, CancellationToken.None);

        Assert.Equal(before, await api.RowCountsAsync());
    }

    private async Task<ClaimResponse> FindAsync(string statement)
    {
        var page = await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?q={Uri.EscapeDataString(statement)}");
        return await _client.GetClaimAsync(Assert.Single(page.Items, c => c.Statement == statement).Id);
    }
}
