using System.Net;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;
using static ClaimTracker.Api.Tests.Infrastructure.ValidWrites;

namespace ClaimTracker.Api.Tests.Lexicon;

// Each change to the lexicon is one new lexicon version, and every report records the version that read its quote.
public sealed class RetireLexiconTermTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task RetireTerm_StopsItMatchingNewReports_AndKeepsItOnOldOnes()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        var quote = $"Moscow {term.Phrase} at talks.";
        var old = await _client.RecordClaimQuotingAsync(quote);

        var retired = await _client.RetireLexiconTermAsync(term, "Too rare to be worth a term.");

        var lexicon = await _client.GetLexiconAsync();
        Assert.Equal((term.Version + 1, (int?)lexicon.Version, lexicon.Version), (retired.Version, retired.RetiredInVersion, retired.UpdatedInVersion));
        var fresh = Assert.Single((await _client.RecordClaimQuotingAsync(quote)).Reports);
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
    public async Task RetireTerm_WithAStaleVersion_Returns409AndWritesNothing()
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        await _client.UpdateLexiconTermAsync(term.Id, TermUpdate(term, note: "Changed since it was read."));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/lexicon/terms/{term.Id}/retire", Retirement(term.Version)));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Null((await _client.GetOkAsync<LexiconTermResponse>($"/lexicon/terms/{term.Id}")).RetiredInVersion);
    }

    // Values too long or too many for a constant in an attribute.
    public static TheoryData<string, string?, string> OverTheLimits => new()
    {
        { "reason", Json(new string('x', 1001)), "reason" },
    };

    [Theory]
    [InlineData("reason", null, "reason")]
    [InlineData("reason", "\"   \"", "reason")]
    [InlineData("version", null, "version")]
    [InlineData("version", "\"1\"", "$.version")]
    [MemberData(nameof(OverTheLimits))]
    public async Task RetireTerm_WithAnInvalidField_Returns400NamingIt(string field, string? json, string errorKey)
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /lexicon/terms/{id}/retire");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }
}
