using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests;

// Adding, changing and retiring lexicon terms: each change is one new lexicon version, and every report
// records the version that read its quote. Tests in this class share one database and run one after another,
// so each works on terms of its own, except the acceptance test, which changes "appears".
public sealed class LexiconManagementTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string AppearsQuote = "Kim Jong Un's train \"appears\" to have left Pyongyang.";

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ChangingATermsProbability_ChangesNewReports_AndShowsAsANewLexiconVersionOnOldOnes()
    {
        var old = await RecordAsync(AppearsQuote);
        var oldReport = Assert.Single(old.Reports);
        var v = (await _client.GetLexiconAsync()).Version;
        Assert.Equal((0.7, v), (oldReport.StatedConfidence, oldReport.LexiconVersion));
        Assert.Equal("appears", Assert.Single(oldReport.Cues).Phrase);

        var appears = await FindTermAsync("appears", "claimtracker");
        var changed = await _client.UpdateLexiconTermAsync(appears.Id, TermUpdate(appears, probability: 0.6));

        var fresh = Assert.Single((await RecordAsync(AppearsQuote)).Reports);
        Assert.Equal((0.6, v + 1), (fresh.StatedConfidence, fresh.LexiconVersion));
        Assert.Equal(0.6, Assert.Single(fresh.Cues).Probability);
        var reread = Assert.Single((await _client.GetClaimAsync(old.Id)).Reports);
        Assert.Equal((0.7, v), (reread.StatedConfidence, reread.LexiconVersion));
        Assert.Equal(0.7, Assert.Single(reread.Cues).Probability);
        Assert.Equal(v + 1, (await _client.GetLexiconAsync()).Version);
        Assert.Equal((0.6, appears.Version + 1, v + 1, appears.CreatedInVersion), (changed.Probability, changed.Version, changed.UpdatedInVersion, changed.CreatedInVersion));

        var version = await _client.GetOkAsync<GetLexiconVersion.Response>($"/lexicon/versions/{v + 1}");
        Assert.Contains("probability 0.7 -> 0.6", version.Summary);
        var change = Assert.Single(version.Changes);
        Assert.Equal((appears.Id, LexiconAction.Changed, 0.7, 0.6), (change.TermId, change.Action, change.Before!.Probability, change.After!.Probability));
    }

    [Fact]
    public async Task AddTerm_Returns201_CreatesAVersionWithItsAddedChange_AndMatchesNewReports()
    {
        var phrase = $"hinted-{Unique()}";
        var before = await _client.GetLexiconAsync();

        var response = await _client.PostJsonAsync("/lexicon/terms",
            NewTerm($"  {phrase.ToUpperInvariant()} ", 0.6, 0.45, 0.75, variants: ["Hints  at"], note: "A signal, not a statement.", inflect: true));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var term = await response.ReadAsync<LexiconTermResponse>();
        Assert.Equal($"/lexicon/terms/{term.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((phrase, "claimtracker", "en", CueCategory.Evidential, CuePolarity.Positive, true, false),
            (term.Phrase, term.Scale, term.Language, term.Category, term.Polarity, term.Inflect, term.LowercaseOnly));
        Assert.Equal(["hints at"], term.Variants);
        Assert.Equal((1, before.Version + 1, before.Version + 1, (int?)null),
            (term.Version, term.CreatedInVersion, term.UpdatedInVersion, term.RetiredInVersion));
        Assert.Equivalent(term, await _client.GetOkAsync<LexiconTermResponse>($"/lexicon/terms/{term.Id}"), strict: true);

        var lexicon = await _client.GetLexiconAsync();
        Assert.Equal(before.Version + 1, lexicon.Version);
        Assert.True(Assert.Single(lexicon.Terms, t => t.Id == term.Id).Preferred);

        var version = await _client.GetOkAsync<GetLexiconVersion.Response>($"/lexicon/versions/{term.CreatedInVersion}");
        Assert.Equal($"Added '{phrase}' (claimtracker, en)", version.Summary);
        var change = Assert.Single(version.Changes);
        Assert.Equal((term.Id, phrase, LexiconAction.Added), (change.TermId, change.Phrase, change.Action));
        Assert.Null(change.Before);
        Assert.Equal((phrase, 0.6, 0.45, 0.75, true), (change.After!.Phrase, change.After.Probability, change.After.Low, change.After.High, change.After.Inflect));

        var report = Assert.Single((await RecordAsync($"Pyongyang {phrase} at a summit.")).Reports);
        var cue = Assert.Single(report.Cues);
        Assert.Equal((phrase, 0.6), (cue.Phrase, cue.Probability));
        Assert.Equal((0.6, lexicon.Version), (report.StatedConfidence, report.LexiconVersion));
    }

    [Fact]
    public async Task RetireTerm_StopsItMatchingNewReports_AndKeepsItOnOldOnes()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var quote = $"Moscow {term.Phrase} at talks.";
        var old = await RecordAsync(quote);

        var retired = await _client.RetireLexiconTermAsync(term, "Too rare to be worth a term.");

        var lexicon = await _client.GetLexiconAsync();
        Assert.Equal((term.Version + 1, (int?)lexicon.Version, lexicon.Version), (retired.Version, retired.RetiredInVersion, retired.UpdatedInVersion));
        var fresh = Assert.Single((await RecordAsync(quote)).Reports);
        Assert.Empty(fresh.Cues);
        Assert.Equal((null, HedgeAnalysis.RuleNone, lexicon.Version), (fresh.StatedConfidence, fresh.ConfidenceRule, fresh.LexiconVersion));
        Assert.Equal(term.Phrase, Assert.Single(Assert.Single((await _client.GetClaimAsync(old.Id)).Reports).Cues).Phrase);

        Assert.DoesNotContain(lexicon.Terms, t => t.Id == term.Id);
        var listed = Assert.Single((await _client.GetLexiconAsync("includeRetired=true")).Terms, t => t.Id == term.Id);
        Assert.Equal(((int?)lexicon.Version, false), (listed.RetiredInVersion, listed.Preferred));

        var version = await _client.GetOkAsync<GetLexiconVersion.Response>($"/lexicon/versions/{lexicon.Version}");
        Assert.Equal($"Retired '{term.Phrase}' (claimtracker, en): Too rare to be worth a term.", version.Summary);
        var change = Assert.Single(version.Changes);
        Assert.Equal((LexiconAction.Retired, 0.6), (change.Action, change.Before!.Probability));
        Assert.Null(change.After);
    }

    [Fact]
    public async Task RetireTerm_Twice_Returns409AndWritesNothing()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var retired = await _client.RetireLexiconTermAsync(term);

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/lexicon/terms/{term.Id}/retire", Retirement(retired.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equivalent(retired, await _client.GetOkAsync<LexiconTermResponse>($"/lexicon/terms/{term.Id}"), strict: true);
    }

    [Fact]
    public async Task UpdateTerm_WithAStaleVersion_Returns409AndWritesNothing()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var changed = await _client.UpdateLexiconTermAsync(term.Id, TermUpdate(term, probability: 0.65));
        var lexiconVersion = (await _client.GetLexiconAsync()).Version;

        var response = await api.WithoutWritesAsync(() => _client.PutJsonAsync($"/lexicon/terms/{term.Id}", TermUpdate(term, probability: 0.5)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equivalent(changed, await _client.GetOkAsync<LexiconTermResponse>($"/lexicon/terms/{term.Id}"), strict: true);
        Assert.Equal(lexiconVersion, (await _client.GetLexiconAsync()).Version);
    }

    [Fact]
    public async Task RetireTerm_WithAStaleVersion_Returns409AndWritesNothing()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        await _client.UpdateLexiconTermAsync(term.Id, TermUpdate(term, note: "Changed since it was read."));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/lexicon/terms/{term.Id}/retire", Retirement(term.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Null((await _client.GetOkAsync<LexiconTermResponse>($"/lexicon/terms/{term.Id}")).RetiredInVersion);
    }

    [Fact]
    public async Task UpdateTerm_ThatIsRetired_Returns409AndWritesNothing()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var retired = await _client.RetireLexiconTermAsync(term);

        var response = await api.WithoutWritesAsync(() => _client.PutJsonAsync($"/lexicon/terms/{term.Id}", TermUpdate(retired, probability: 0.5)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UpdateTerm_ChangingNothing_CreatesNoVersion()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}", variants: ["hints at"]));

        var response = await api.WithoutWritesAsync(() => _client.PutJsonAsync($"/lexicon/terms/{term.Id}", TermUpdate(term, variants: [" Hints at "])));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equivalent(term, await response.ReadAsync<LexiconTermResponse>(), strict: true);
    }

    [Fact]
    public async Task UpdateTerm_ReplacesEveryEditableField_InOneVersionThatListsWhatChanged()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}", variants: ["hints at"], note: "First note."));
        var body = JsonEdit.ToJson(TermUpdate(term, 0.35, 0.2, 0.5))
            .With("polarity", "\"negative\"").With("category", "\"estimative\"").With("variants", "[\"hints\"]")
            .With("note", null).With("inflect", "true").With("lowercaseOnly", "true");

        var changed = await _client.SendRawAsync(HttpMethod.Put, $"/lexicon/terms/{term.Id}", body.ToJsonString())
            .ExpectAsync<LexiconTermResponse>(HttpStatusCode.OK);

        Assert.Equal((0.35, 0.2, 0.5, CuePolarity.Negative, CueCategory.Estimative, null, true, true),
            (changed.Probability, changed.Low, changed.High, changed.Polarity, changed.Category, changed.Note, changed.Inflect, changed.LowercaseOnly));
        Assert.Equal(["hints"], changed.Variants);
        var version = await _client.GetOkAsync<GetLexiconVersion.Response>($"/lexicon/versions/{changed.UpdatedInVersion}");
        Assert.Equal(
            $"Changed '{term.Phrase}' (claimtracker, en): probability 0.6 -> 0.35; low 0.45 -> 0.2; high 0.75 -> 0.5; polarity positive -> negative; "
            + "category evidential -> estimative; inflect false -> true; lowercaseOnly false -> true; variants; note",
            version.Summary);
    }

    [Theory]
    [InlineData("{0}", "claimtracker", "en")]
    [InlineData("  {0} ", "claimtracker", null)]
    [InlineData("{0}", "claimtracker", "EN")]
    public async Task AddTerm_WhenAnActiveTermHasTheSameLanguageScaleAndPhrase_Returns409AndWritesNothing(string phrase, string scale, string? language)
    {
        var existing = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));

        var response = await api.WithoutWritesAsync(() =>
            _client.PostJsonAsync("/lexicon/terms", NewTerm(string.Format(phrase, existing.Phrase.ToUpperInvariant()), scale: scale, language: language)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AddTerm_OfTheSamePhraseOnAnotherScaleOrInAnotherLanguageOrAfterRetiring_Succeeds()
    {
        var first = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));

        var otherScale = await _client.AddLexiconTermAsync(NewTerm(first.Phrase, scale: "newsroom-2024"));
        var otherLanguage = await _client.AddLexiconTermAsync(NewTerm(first.Phrase, language: "en-GB"));
        await _client.RetireLexiconTermAsync(first);
        var again = await _client.AddLexiconTermAsync(NewTerm(first.Phrase, 0.55, 0.4, 0.7));

        Assert.Equal(("newsroom-2024", "en-GB"), (otherScale.Scale, otherLanguage.Language));
        Assert.Equal(
            [(first.Id, true), (again.Id, false)],
            (await _client.GetLexiconAsync($"includeRetired=true&scale=claimtracker&phrase={first.Phrase}")).Terms
                .Select(t => (t.Id, t.RetiredInVersion is not null)));
    }

    [Theory]
    [InlineData(HttpMethod_Put, "/lexicon/terms/{0}")]
    [InlineData(HttpMethod_Post, "/lexicon/terms/{0}/retire")]
    public async Task WriteToAnUnknownTerm_Returns404AndWritesNothing(string method, string url)
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var body = method == HttpMethod_Put ? TermUpdate(term) : Retirement(term.Version);

        var response = await api.WithoutWritesAsync(() =>
            _client.SendRawAsync(new HttpMethod(method), string.Format(url, Guid.CreateVersion7()), JsonEdit.ToJson(body).ToJsonString()));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/lexicon/terms/0193a000-0000-7000-8000-000000000001")]
    [InlineData("/lexicon/versions/100000")]
    [InlineData("/lexicon/versions/latest")]
    public async Task Read_OfSomethingUnknown_Returns404Problem(string url)
    {
        var response = await _client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

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
    public async Task ConcurrentUpdates_OfDifferentTerms_GetDistinctConsecutiveVersions()
    {
        var terms = new List<LexiconTermResponse>();
        foreach (var _ in Enumerable.Range(0, 6))
            terms.Add(await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}")));
        var before = (await _client.GetLexiconAsync()).Version;

        var updated = await Task.WhenAll(terms.Select(t => api.CreateClient().UpdateLexiconTermAsync(t.Id, TermUpdate(t, probability: 0.5))));

        Assert.Equal(Enumerable.Range(before + 1, 6), updated.Select(t => t.UpdatedInVersion).Order());
        Assert.Equal(before + 6, (await _client.GetLexiconAsync()).Version);
        var versions = await _client.GetOkAsync<PagedList<ListLexiconVersions.Item>>("/lexicon/versions?pageSize=6");
        Assert.All(versions.Items, v => Assert.Equal(1, v.ChangeCount));
    }

    [Fact]
    public async Task ConcurrentUpdates_OfOneTermAtOneVersion_OneWinsAndTheOthersGet409()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var before = (await _client.GetLexiconAsync()).Version;

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            api.CreateClient().PutJsonAsync($"/lexicon/terms/{term.Id}", TermUpdate(term, probability: 0.5 + i / 100.0))));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict],
            responses.Select(r => r.StatusCode).Order());
        Assert.Equal(before + 1, (await _client.GetLexiconAsync()).Version);
    }

    [Fact]
    public async Task AnotherApiInstanceOnTheSameDatabase_ReadsWithTheChangedLexicon()
    {
        await using var other = api.WithWebHostBuilder(_ => { });
        var otherClient = other.CreateClient();
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var quote = $"Seoul {term.Phrase} at talks.";
        Assert.Equal(0.6, Assert.Single((await otherClient.RecordClaimAsync(ClaimQuoting(quote))).Reports).StatedConfidence);

        var changed = await _client.UpdateLexiconTermAsync(term.Id, TermUpdate(term, probability: 0.55));

        var report = Assert.Single((await otherClient.RecordClaimAsync(ClaimQuoting(quote))).Reports);
        Assert.Equal((0.55, changed.UpdatedInVersion), (report.StatedConfidence, report.LexiconVersion));
    }

    [Fact]
    public async Task Report_InALanguageWithoutALexicon_HasNoCues_AndKeepsOnlyTheCallersConfidence()
    {
        var version = (await _client.GetLexiconAsync()).Version;

        var derived = Assert.Single((await RecordAsync(AppearsQuote, language: "ko", hedgeWords: ["appears"])).Reports);
        var given = Assert.Single((await RecordAsync(AppearsQuote, language: "ko", statedConfidence: 0.8)).Reports);

        Assert.Empty(derived.Cues);
        Assert.Equal(((double?)null, "no lexicon for language 'ko'", version),
            (derived.StatedConfidence, derived.ConfidenceRule, derived.LexiconVersion));
        Assert.Equal(["appears"], derived.UnknownHedgeWords);
        Assert.Equal(((double?)0.8, "no lexicon for language 'ko'", version), (given.StatedConfidence, given.ConfidenceRule, given.LexiconVersion));
    }

    [Fact]
    public async Task Report_ReadsWithTheLexiconOfItsArticlesLanguage()
    {
        var korean = await _client.AddLexiconTermAsync(NewTerm($"보인다{Unique()}", 0.65, 0.5, 0.8, language: "ko"));

        var ko = Assert.Single((await RecordAsync($"김정은 열차가 출발한 것으로 {korean.Phrase}.", language: "ko")).Reports);
        var enGb = Assert.Single((await RecordAsync(AppearsQuote, language: "en-GB")).Reports);

        Assert.Equal((korean.Phrase, 0.65, korean.CreatedInVersion), (Assert.Single(ko.Cues).Phrase, ko.StatedConfidence, ko.LexiconVersion));
        Assert.Equal("appears", Assert.Single(enGb.Cues).Phrase);
        var lexicon = await _client.GetLexiconAsync("language=KO");
        Assert.Equal("ko", lexicon.Language);
        Assert.Equal([korean.Id], lexicon.Terms.Select(t => t.Id));
        Assert.DoesNotContain((await _client.GetLexiconAsync()).Terms, t => t.Id == korean.Id);
    }

    [Fact]
    public async Task Report_InARegionalLanguage_ReadsWithItsOwnTermsOverTheBaseLanguages()
    {
        var english = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}", 0.6, 0.45, 0.75));
        var british = await _client.AddLexiconTermAsync(NewTerm(english.Phrase, 0.5, 0.4, 0.6, language: "en-gb"));
        var quote = $"Seoul {english.Phrase} at talks.";

        var enGb = Assert.Single((await RecordAsync(quote, language: "en-GB")).Reports);
        var enUs = Assert.Single((await RecordAsync(quote, language: "en-US")).Reports);
        var en = Assert.Single((await RecordAsync(quote, language: "en")).Reports);

        Assert.Equal("en-GB", british.Language);
        Assert.Equal([0.5, 0.6, 0.6], new[] { enGb, enUs, en }.Select(r => Assert.Single(r.Cues).Probability));
        var listed = (await _client.GetLexiconAsync("language=en-GB")).Terms;
        Assert.Contains(british.Id, listed.Select(t => t.Id));
        Assert.All(listed, t => Assert.Equal("en-GB", t.Language));
    }

    private const string HttpMethod_Put = "PUT";
    private const string HttpMethod_Post = "POST";

    private Task<ClaimResponse> RecordAsync(string quote, string? language = null, IReadOnlyList<string>? hedgeWords = null, double? statedConfidence = null) =>
        _client.RecordClaimAsync(ClaimQuoting(quote, language, hedgeWords, statedConfidence));

    private static object ClaimQuoting(string quote, string? language = null, IReadOnlyList<string>? hedgeWords = null, double? statedConfidence = null)
    {
        var suffix = Unique();
        var article = new
        {
            url = $"https://news.test/lexicon/{suffix}", title = "Kim Jong Un appears to have set off for Russia",
            publisher = Inline($"Outlet {suffix}", "outlet"), publishedAt = PublishedAt, language,
        };
        return Claim($"Kim Jong Un's train has departed for Russia ({suffix})",
            Report(article, [Link(Inline($"Official {suffix}", "official"))], quote, statedConfidence: statedConfidence, hedgeWords: hedgeWords));
    }

    private async Task<LexiconTermResponse> FindTermAsync(string phrase, string scale)
    {
        var term = Assert.Single((await _client.GetLexiconAsync($"scale={scale}&phrase={Uri.EscapeDataString(phrase)}")).Terms, t => t.Phrase == phrase);
        return await _client.GetOkAsync<LexiconTermResponse>($"/lexicon/terms/{term.Id}");
    }
}
