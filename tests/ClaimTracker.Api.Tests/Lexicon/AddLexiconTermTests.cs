using System.Net;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Lexicon;

// Each change to the lexicon is one new lexicon version, and every report records the version that read its quote.
public sealed class AddLexiconTermTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

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

        var report = Assert.Single((await _client.RecordClaimQuotingAsync($"Pyongyang {phrase} at a summit.")).Reports);
        var cue = Assert.Single(report.Cues);
        Assert.Equal((phrase, 0.6), (cue.Phrase, cue.Probability));
        Assert.Equal((0.6, lexicon.Version), (report.StatedConfidence, report.LexiconVersion));
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

    // Values too long or too many for a constant in an attribute.
    public static TheoryData<string, string?, string> OverTheLimits => new()
    {
        { "phrase", Json(new string('x', 201)), "phrase" },
        { "scale", Json(new string('a', 51)), "scale" },
        { "variants", Json(Enumerable.Range(0, 51).Select(i => $"hint {i}")), "variants" },
        { "variants", Json(new[] { new string('x', 201) }), "variants[0]" },
        { "note", Json(new string('x', 1001)), "note" },
    };

    [Theory]
    [InlineData("phrase", null, "phrase")]
    [InlineData("phrase", "\"\"", "phrase")]
    [InlineData("phrase", "\"   \"", "phrase")]
    [InlineData("phrase", "\"1234\"", "phrase")]
    [InlineData("phrse", "\"appears\"", "$.phrse")]
    [InlineData("scale", null, "scale")]
    [InlineData("scale", "\"ICD 203\"", "scale")]
    [InlineData("scale", "\"icd--203\"", "scale")]
    [InlineData("scale", "\"-icd\"", "scale")]
    [InlineData("probability", null, "probability")]
    [InlineData("probability", "1.5", "probability")]
    [InlineData("probability", "-0.1", "probability")]
    [InlineData("probability", "\"0.6\"", "$.probability")]
    [InlineData("low", null, "low")]
    [InlineData("low", "0.7", "low")]
    [InlineData("low", "-0.1", "low")]
    [InlineData("high", null, "high")]
    [InlineData("high", "0.5", "high")]
    [InlineData("high", "1.1", "high")]
    [InlineData("polarity", null, "polarity")]
    [InlineData("polarity", "\"sideways\"", "$.polarity")]
    [InlineData("category", null, "category")]
    [InlineData("category", "\"hedge\"", "$.category")]
    [InlineData("language", "\"English!\"", "language")]
    [InlineData("language", "\"e\"", "language")]
    [InlineData("variants", "\"hints\"", "$.variants")]
    [InlineData("variants", "[\"hints\", \"\"]", "variants[1]")]
    [InlineData("inflect", "\"yes\"", "$.inflect")]
    [MemberData(nameof(OverTheLimits))]
    public async Task AddTerm_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /lexicon/terms");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }
}
