using System.Net;
using System.Net.Http.Json;
using ClaimTracker.Api.Features.Analysis;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Tests.Analysis;

// Reading text over HTTP: POST /analysis answers with cues, chains and kinds, and writes nothing.
public sealed class AnalyseTextTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    public const string Excerpt =
        "Broadcaster YTN said Seoul \"expects that Chairman Kim will hold a meeting with President Putin of Russia around the day after tomorrow\", meaning Wednesday.\n\n" +
        "Vladivostok will be hosting the Eastern Economic Forum until Wednesday.";

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task AnalyseText_PlainText_ReadsCuesChainsAndKindsAndWritesNothing()
    {
        var response = await api.WithoutWritesAsync(() =>
            _client.PostRawAsync("/analysis?publisher=NDTV&syndicatedFrom=AFP", Excerpt, "text/plain"));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var analysis = await response.ReadAsync<AnalysisResponse>();
        Assert.Equal(("en", 2, 1, 1), (analysis.Language, analysis.Summary.Sentences, analysis.Summary.HedgedClaims, analysis.Summary.Background));
        var claim = Assert.Single(analysis.Sentences[0].Clauses);
        Assert.Equal(SentenceKind.HedgedClaim, claim.Kind);
        Assert.Equal(["said", "expects"], claim.Cues.Select(c => c.MatchedText));
        Assert.Equal("expects", Excerpt.Substring(claim.Cues[1].Start, claim.Cues[1].Length));
        Assert.Equal(["Seoul:origin", "YTN:relay", "AFP:relay", "NDTV:publisher"], claim.Chain.Select(l => $"{l.Name}:{l.Role.ToString().ToLowerInvariant()}"));
        Assert.Equal(0.75, claim.StatedConfidence);
        Assert.Equal(SentenceKind.Background, analysis.Sentences[1].Kind);
    }

    [Fact]
    public async Task AnalyseText_WeaselSentence_IsUncertainAndSaysWhy()
    {
        const string text = "The bridge opened in 1932. Some critics argue that the policy failed.";
        var analysis = await (await _client.PostJsonAsync("/analysis", new { text })).ReadAsync<AnalysisResponse>();

        var weasel = analysis.Sentences[1];
        Assert.True(weasel.Uncertain, $"uncertainty {weasel.Uncertainty}");
        Assert.InRange(weasel.Uncertainty ?? -1, 0.5, 1);
        var some = Assert.Single(weasel.Explanation, c => c.Feature == "word:some");
        Assert.Equal("Some", text.Substring(some.Start!.Value, some.Length!.Value));
        Assert.True(analysis.Sentences[0].Uncertainty < weasel.Uncertainty);
    }

    [Fact]
    public async Task AnalyseText_Json_GivesTheSameAnswerAsPlainText()
    {
        var plain = await (await _client.PostRawAsync("/analysis?publisher=NDTV", Excerpt, "text/plain")).ReadAsync<AnalysisResponse>();
        var json = await (await _client.PostJsonAsync("/analysis", new { text = Excerpt, publisher = "NDTV" })).ReadAsync<AnalysisResponse>();

        Assert.Equivalent(plain, json, strict: true);
    }

    [Theory]
    [InlineData("\u0000\u0001\u0002 control characters only")]
    [InlineData("no punctuation at all just words that run on and on without end")]
    [InlineData("金正恩已经出发。Путин ждёт. एनडीटीवी \"appears\"")]
    [InlineData("\"\"\"'''(((;;;...")]
    public async Task AnalyseText_OddText_IsAnsweredNotRefused(string text)
    {
        var response = await _client.PostRawAsync("/analysis", text, "text/plain");

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("   ", "text")]
    [InlineData("", "text")]
    public async Task AnalyseText_WithoutText_Returns400(string text, string errorKey)
    {
        var response = await _client.PostRawAsync("/analysis", text, "text/plain");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Fact]
    public async Task AnalyseText_OverTheTextLimit_Returns400()
    {
        var response = await _client.PostRawAsync("/analysis", new string('a', AnalyseText.MaxTextLength + 1), "text/plain");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task AnalyseText_InALanguageWithoutLexicon_Returns400NamingTheLanguage()
    {
        var response = await _client.PostJsonAsync("/analysis", new { text = "Le train semble être parti.", language = "fr" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "language");
    }

    [Fact]
    public async Task AnalyseText_AsXml_Returns415()
    {
        var response = await _client.PostRawAsync("/analysis", "<text>Kim appears to have left.</text>", "application/xml");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AnalyseText_AsJsonInAnUnknownCharset_Returns415()
    {
        var content = new StringContent("{\"text\": \"Kim appears to have left.\"}");
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"\"");

        var response = await _client.PostAsync("/analysis", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AnalyseText_WithMalformedJson_Returns400()
    {
        var response = await _client.PostRawAsync("/analysis", "{\"text\": \"Kim appears", "application/json");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
