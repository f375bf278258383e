using System.Net;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Language;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

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
}
