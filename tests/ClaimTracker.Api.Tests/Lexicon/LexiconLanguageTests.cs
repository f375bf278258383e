using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Lexicon;

// A report is read with the lexicon of its article's language: a regional language's own terms first, then the base
// language's; a language without a lexicon gives no cues.
public sealed class LexiconLanguageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Report_InALanguageWithoutALexicon_HasNoCues_AndKeepsOnlyTheCallersConfidence()
    {
        var version = (await _client.GetLexiconAsync()).Version;

        var derived = Assert.Single((await _client.RecordClaimQuotingAsync(AppearsQuote, language: "ko", hedgeWords: ["appears"])).Reports);
        var given = Assert.Single((await _client.RecordClaimQuotingAsync(AppearsQuote, language: "ko", statedConfidence: 0.8)).Reports);

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

        var ko = Assert.Single((await _client.RecordClaimQuotingAsync($"김정은 열차가 출발한 것으로 {korean.Phrase}.", language: "ko")).Reports);
        var enGb = Assert.Single((await _client.RecordClaimQuotingAsync(AppearsQuote, language: "en-GB")).Reports);

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

        var enGb = Assert.Single((await _client.RecordClaimQuotingAsync(quote, language: "en-GB")).Reports);
        var enUs = Assert.Single((await _client.RecordClaimQuotingAsync(quote, language: "en-US")).Reports);
        var en = Assert.Single((await _client.RecordClaimQuotingAsync(quote, language: "en")).Reports);

        Assert.Equal("en-GB", british.Language);
        Assert.Equal([0.5, 0.6, 0.6], new[] { enGb, enUs, en }.Select(r => Assert.Single(r.Cues).Probability));
        var listed = (await _client.GetLexiconAsync("language=en-GB")).Terms;
        Assert.Contains(british.Id, listed.Select(t => t.Id));
        Assert.All(listed, t => Assert.Equal("en-GB", t.Language));
    }
}
