using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// The tests share a database, so each searches for words only its own claims contain and asserts on its own claims' ids.
public sealed class SearchClaimsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task SearchClaims_PortugueseClaim_IsFoundByAWordAndByAnotherFormOfItWithLanguageCodePt()
    {
        var suffix = Unique();
        // "pães" shares too few trigrams with "pão" to match by similarity: only the portuguese stemmer ("pã") joins them.
        var portuguese = await RecordAsync($"O preço do pão no zoológico subiu durante a cimeira ({suffix})", "pt-BR");
        var english = await RecordAsync($"The price of bread at the zoológico rose during the summit ({suffix})", "en");

        var byWord = await SearchAsync("query=zoológico&languageCode=pt");
        var byOtherForm = await SearchAsync("query=pães&languageCode=pt");
        var inEnglish = await SearchAsync("query=zoológico&languageCode=en");

        var found = Assert.Single(byWord.Claims, c => c.Id == portuguese.Id);
        Assert.Equal(("pt", portuguese.Statement), (found.Language, found.Text));
        Assert.Contains(byOtherForm.Claims, c => c.Id == portuguese.Id);
        Assert.DoesNotContain(byWord.Claims, c => c.Id == english.Id);
        Assert.DoesNotContain(inEnglish.Claims, c => c.Id == portuguese.Id);
        Assert.Contains(inEnglish.Claims, c => c.Id == english.Id);
    }

    [Theory]
    [InlineData("ar", "وصل الزعيم الكوري إلى المحطة بالقطار المدرع", "بالقطار")]
    [InlineData("hi", "कोरियाई नेता बख्तरबंद ट्रेन से स्टेशन पहुंचे", "बख्तरबंद")]
    [InlineData("zh", "朝鲜领导人乘坐装甲列车抵达车站", "装甲列车")]
    public async Task SearchClaims_ScriptsOtherThanLatin_AreFoundByAWordInThem(string language, string statement, string word)
    {
        var claim = await RecordAsync($"{statement} ({Unique()})", language);

        var page = await SearchAsync($"query={Uri.EscapeDataString(word)}");
        var inLanguage = await SearchAsync($"query={Uri.EscapeDataString(word)}&languageCode={language}");

        Assert.Contains(page.Claims, c => c.Id == claim.Id);
        Assert.Equal(language, Assert.Single(inLanguage.Claims, c => c.Id == claim.Id).Language);
    }

    [Fact]
    public async Task SearchClaims_MisspelledWord_FindsTheClaimAndRanksItFirst()
    {
        var claim = await RecordAsync($"Kim's armoured train pulled into Vladivostok station ({Unique()})", "en");

        var page = await SearchAsync("query=Vladivstok");

        Assert.Equal(claim.Id, page.Claims[0].Id);
        Assert.InRange(page.Claims[0].Score, 0.5, 2);
    }

    [Fact]
    public async Task SearchClaims_ReportQuotesAndEvidenceNotes_AreSearchedToo()
    {
        var suffix = Unique();
        var byQuote = await _client.RecordClaimAsync(Claim($"A claim whose quote tells more ({suffix})",
            Report(ArticleIn("en"), [Link(Inline($"Official {suffix}", "official"))], quote: "Officials saw the motorcade cross the Tumen bridge.")));
        var byNote = await _client.RecordClaimAsync(NewClaim(Unique()));
        await _client.AddEvidenceAsync(byNote.Id, Evidence(Article($"https://evidence.test/{Unique()}", Inline("Evidence Desk", "outlet")),
            "confirms", note: "Satellite imagery showed the cortege at Khasan railhead."));

        var bridge = await SearchAsync("query=motorcade%20Tumen");
        var railhead = await SearchAsync("query=cortege%20railhead");

        Assert.Contains(bridge.Claims, c => c.Id == byQuote.Id);
        Assert.Contains(railhead.Claims, c => c.Id == byNote.Id);
    }

    [Fact]
    public async Task SearchClaims_ImportedClaims_AreFoundWithoutAnythingElseWrittenToThem()
    {
        var tag = Unique();
        var file = ImportCalls.Ndjson(
            new { source = $"Importer {tag}", claim = $"The icebreaker {tag} escorted the tanker", polarity = "affirms" },
            new { source = $"Importer {tag}", claim = $"The icebreaker {tag} turned back", polarity = "denies" });
        await api.ImportClient().PostAsync($"/imports?name=search-{tag}.ndjson", ImportCalls.Body(file, "application/x-ndjson"))
            .ExpectAsync<ClaimTracker.Api.Features.Imports.ImportResponse>(HttpStatusCode.Created);

        var page = await SearchAsync($"query=icebreaker%20{tag}%20escort");

        Assert.Equal($"The icebreaker {tag} escorted the tanker", page.Claims[0].Text);
    }

    [Fact]
    public async Task SearchClaims_MaxAgeDays_KeepsClaimsFirstReportedOrReviewedWithinThatManyDays()
    {
        var word = $"lighthouse{Unique()}";
        var recent = DateTimeOffset.UtcNow.AddDays(-3).ToString("O");
        var fresh = await RecordAsync($"The {word} keeper saw the train", "en", publishedAt: recent);
        var old = await RecordAsync($"The {word} keeper heard the train", "en");
        var reviewedLately = await RecordAsync($"The {word} keeper filmed the train", "en");
        await _client.AddEvidenceAsync(reviewedLately.Id, Evidence(
            Article($"https://evidence.test/{Unique()}", Inline("Evidence Desk", "outlet"), publishedAt: recent), "contradicts"));

        var lastWeek = await SearchAsync($"query={word}&maxAgeDays=7");
        var ever = await SearchAsync($"query={word}");

        Assert.Equal([fresh.Id, reviewedLately.Id], lastWeek.Claims.Select(c => c.Id).Order());
        Assert.Equal([fresh.Id, old.Id, reviewedLately.Id], ever.Claims.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task SearchClaims_ReviewPublisherSiteFilter_KeepsClaimsWithConclusiveEvidenceFromThatSite()
    {
        var suffix = Unique();
        var word = $"harbour{suffix}";
        var site = $"checkers-{suffix}.test";
        var checker = await _client.CreateSourceAsync(Source($"Checkers {suffix}", homepage: $"https://www.{site}/"));
        var byUrl = await RecordAsync($"The {word} was closed to ships", "en");
        var byHomepage = await RecordAsync($"The {word} was opened to ships", "en");
        var elsewhere = await RecordAsync($"The {word} was mined", "en");
        var onlyMentioned = await RecordAsync($"The {word} was guarded", "en");
        await _client.AddEvidenceAsync(byUrl.Id, Evidence(Article($"https://fact.{site}/{Unique()}", Inline("Desk", "outlet")), "contradicts"));
        await _client.AddEvidenceAsync(byHomepage.Id, Evidence(Article($"https://news.test/{Unique()}", Slug(checker.Slug)), "confirms"));
        await _client.AddEvidenceAsync(elsewhere.Id, Evidence(Article($"https://not{site}/{Unique()}", Inline("Desk", "outlet")), "confirms"));
        await _client.AddEvidenceAsync(onlyMentioned.Id, Evidence(Article($"https://{site}/{Unique()}", Inline("Desk", "outlet")), "mentions", conclusive: false));

        var page = await SearchAsync($"query={word}&reviewPublisherSiteFilter=WWW.{site.ToUpperInvariant()}");

        Assert.Equal([byUrl.Id, byHomepage.Id], page.Claims.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task SearchClaims_PagingWithTokens_ReturnsEveryMatchOnceWhileClaimsAreAdded()
    {
        var word = $"convoy{Unique()}";
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
            ids.Add((await RecordAsync($"Convoy report {i}: the {word} crossed the river {(i % 2 == 0 ? "twice" : "")}", "en")).Id);

        var seen = new List<Guid>();
        var page = await SearchAsync($"query={word}&pageSize=3");
        seen.AddRange(page.Claims.Select(c => c.Id));
        await RecordAsync($"Late report: the {word} crossed the river {word}", "en");
        var pages = 1;
        while (page.NextPageToken is { } token)
        {
            page = await SearchAsync($"query={word}&pageSize=3&pageToken={Uri.EscapeDataString(token)}");
            seen.AddRange(page.Claims.Select(c => c.Id));
            Assert.True(++pages < 10, "paging does not end");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), ids.ToHashSet());
        var byOffset = await SearchAsync($"query={word}&pageSize=3&offset=3");
        Assert.Equal(3, byOffset.Claims.Count);
    }

    [Fact]
    public async Task SearchClaims_TokenOfAnotherQuery_Returns400NamingPageToken()
    {
        var word = $"ferry{Unique()}";
        for (var i = 0; i < 3; i++) await RecordAsync($"The {word} sailed at dawn, report {i}", "en");
        var first = await SearchAsync($"query={word}&pageSize=1");
        var token = Uri.EscapeDataString(first.NextPageToken!);

        var otherQuery = await _client.GetAsync($"/claims/search?query=dawn&pageSize=1&pageToken={token}");
        var otherFilter = await _client.GetAsync($"/claims/search?query={word}&status=confirmed&pageToken={token}");
        var garbage = await _client.GetAsync($"/claims/search?query={word}&pageToken=not-a-token");
        var sameQuery = await SearchAsync($"query={word}&pageSize=1&pageToken={token}");

        await otherQuery.AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
        await otherFilter.AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
        await garbage.AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
        Assert.NotEqual(first.Claims[0].Id, Assert.Single(sameQuery.Claims).Id);
    }

    [Theory]
    [InlineData("query=", "query")]
    [InlineData("query=%20%20", "query")]
    [InlineData("languageCode=pt", "query")]
    [InlineData("query=train&pageSize=101", "pageSize")]
    [InlineData("query=train&pageSize=0", "pageSize")]
    [InlineData("query=train&maxAgeDays=0", "maxAgeDays")]
    [InlineData("query=train&languageCode=portuguese!", "languageCode")]
    [InlineData("query=train&reviewPublisherSiteFilter=https://reuters.com/x", "reviewPublisherSiteFilter")]
    [InlineData("query=train&band=G", "band")]
    [InlineData("query=train&status=maybe", "status")]
    [InlineData("query=train&minProbability=2", "minProbability")]
    public async Task SearchClaims_BadParameters_Return400NamingThem(string parameters, string field)
    {
        var response = await _client.GetAsync($"/claims/search?{parameters}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task SearchClaims_OurFilters_ApplyAsInListClaims()
    {
        var word = $"bridge{Unique()}";
        var open = await RecordAsync($"The {word} was blown up", "en");
        var confirmed = await RecordAsync($"The {word} was repaired", "en");
        await _client.AddEvidenceAsync(confirmed.Id, NewEvidence("confirms"));

        var onlyConfirmed = await SearchAsync($"query={word}&status=confirmed");
        var bandF = await SearchAsync($"query={word}&band=F");
        var bandA = await SearchAsync($"query={word}&band=a");

        Assert.Equal([confirmed.Id], onlyConfirmed.Claims.Select(c => c.Id));
        Assert.Equal([open.Id, confirmed.Id], bandF.Claims.Select(c => c.Id).Order());
        Assert.Empty(bandA.Claims);
    }

    private Task<SearchClaims.Response> SearchAsync(string parameters) =>
        _client.GetOkAsync<SearchClaims.Response>($"/claims/search?{parameters}");

    private Task<ClaimResponse> RecordAsync(string statement, string language, string? publishedAt = null) =>
        _client.RecordClaimAsync(Claim(statement,
            Report(ArticleIn(language, publishedAt), [Link(Inline($"Official {Unique()}", "official"))], quote: statement)));

    private static object ArticleIn(string language, string? publishedAt = null) => new
    {
        url = $"https://news.test/search/{Unique()}", title = "Search test article", publisher = Inline($"Outlet {Unique()}", "outlet"),
        publishedAt = publishedAt ?? PublishedAt, language,
    };
}
