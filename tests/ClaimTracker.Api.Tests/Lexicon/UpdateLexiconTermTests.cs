using System.Net;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Lexicon;

// Each change to the lexicon is one new lexicon version, and every report records the version that read its quote.
public sealed class UpdateLexiconTermTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ChangingATermsProbability_ChangesNewReports_AndShowsAsANewLexiconVersionOnOldOnes()
    {
        var old = await _client.RecordClaimQuotingAsync(AppearsQuote);
        var oldReport = Assert.Single(old.Reports);
        var v = (await _client.GetLexiconAsync()).Version;
        Assert.Equal((0.7, v), (oldReport.StatedConfidence, oldReport.LexiconVersion));
        Assert.Equal("appears", Assert.Single(oldReport.Cues).Phrase);

        var appears = await FindTermAsync("appears", "claimtracker");
        var changed = await _client.UpdateLexiconTermAsync(appears.Id, TermUpdate(appears, probability: 0.6));

        var fresh = Assert.Single((await _client.RecordClaimQuotingAsync(AppearsQuote)).Reports);
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

    [Fact]
    public async Task UpdateTerm_ChangingNothing_CreatesNoVersion()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}", variants: ["hints at"]));

        var response = await api.WithoutWritesAsync(() => _client.PutJsonAsync($"/lexicon/terms/{term.Id}", TermUpdate(term, variants: [" Hints at "])));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equivalent(term, await response.ReadAsync<LexiconTermResponse>(), strict: true);
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
    public async Task UpdateTerm_ThatIsRetired_Returns409AndWritesNothing()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var retired = await _client.RetireLexiconTermAsync(term);

        var response = await api.WithoutWritesAsync(() => _client.PutJsonAsync($"/lexicon/terms/{term.Id}", TermUpdate(retired, probability: 0.5)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
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

    // Values too long or too many for a constant in an attribute.
    public static TheoryData<string, string?, string> OverTheLimits => new()
    {
        { "note", Json(new string('x', 1001)), "note" },
    };

    [Theory]
    [InlineData("probability", "2", "probability")]
    [InlineData("probability", null, "probability")]
    [InlineData("low", "0.9", "low")]
    [InlineData("category", null, "category")]
    [InlineData("variants", "[\"  \"]", "variants[0]")]
    [InlineData("version", null, "version")]
    [InlineData("version", "\"1\"", "$.version")]
    [InlineData("phrase", "\"hinted\"", "$.phrase")]
    [InlineData("scale", "\"phia\"", "$.scale")]
    [InlineData("language", "\"ko\"", "$.language")]
    [MemberData(nameof(OverTheLimits))]
    public async Task UpdateTerm_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "PUT /lexicon/terms/{id}");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    private const string HttpMethod_Put = "PUT";
    private const string HttpMethod_Post = "POST";

    private async Task<LexiconTermResponse> FindTermAsync(string phrase, string scale)
    {
        var term = Assert.Single((await _client.GetLexiconAsync($"scale={scale}&phrase={Uri.EscapeDataString(phrase)}")).Terms, t => t.Phrase == phrase);
        return await _client.GetOkAsync<LexiconTermResponse>($"/lexicon/terms/{term.Id}");
    }
}
