using System.Net;
using ClaimTracker.Api.Features.Analysis;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Tests.Analysis;

// What a client outside .NET relies on: offsets that slice the text as JavaScript does, and speakers named whole.
public sealed class AnalysisOffsetsTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task AnalyseText_TextWithEmoji_GivesOffsetsInUtf16CodeUnits()
    {
        const string text = "The train left. 🚀 It is likely gone.";

        var analysis = await (await _client.PostJsonAsync("/analysis", new { text })).ReadAsync<AnalysisResponse>();

        Assert.Equal(["The train left. 🚀", "It is likely gone."], analysis.Sentences.Select(s => text.Substring(s.Start, s.Length)));
        var cue = Assert.Single(analysis.Sentences[1].Clauses.SelectMany(c => c.Cues));
        // 24 code points come before "likely" in the text, but the rocket is two UTF-16 code units.
        Assert.Equal((25, 6), (cue.Start, cue.Length));
        Assert.Equal("likely", text.Substring(cue.Start, cue.Length));
    }

    [Fact]
    public async Task AnalyseText_CountryWithTheAsSpeaker_IsOneGovernment()
    {
        var analysis = await (await _client.PostJsonAsync("/analysis",
            new { text = "The United States has accused North Korea of supplying arms.", publisher = "Daily Planet" })).ReadAsync<AnalysisResponse>();

        var clause = Assert.Single(Assert.Single(analysis.Sentences).Clauses);
        Assert.Equal(("United States", PartyKind.Government, ChainRole.Origin), (clause.Chain[0].Name, clause.Chain[0].Kind, clause.Chain[0].Role));
        Assert.Equal("The United States has accused North Korea of supplying arms", clause.Statement);
    }
}
