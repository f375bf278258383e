using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Analysis;

// Vague attribution and unsupported praise over HTTP: the categories reach the JSON by their snake_case names,
// and the lexicon endpoints take and list them.
public sealed class WeaselAndPeacockCueTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task AnalyseText_IssueSentences_NamesWeaselAndPeacockCues_AndNoHedgeForShowingUpOrChoosing()
    {
        const string text = "Pinchot has appeared in several feature films. Certain kinds of heart attacks are more common in winter. " +
                            "Some critics argue that the policy failed. The castle is widely considered the finest in Europe.";

        var response = await _client.PostJsonAsync("/analysis", new { text });

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var sentences = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sentences"]!.AsArray();
        var cues = sentences.Select(s => s!["clauses"]!.AsArray()
                .SelectMany(c => c!["cues"]!.AsArray().Select(cue => $"{cue!["matchedText"]}:{cue["category"]}")).ToList())
            .ToList();
        Assert.Equal(
            [[], [], ["Some critics argue:weasel"], ["widely considered:weasel", "finest:peacock"]],
            cues);
        Assert.Equal(["background", "background", "hedged_claim", "hedged_claim"], sentences.Select(s => s!["kind"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("weasel")]
    [InlineData("peacock")]
    public async Task AddTerm_WithANewCategory_IsStoredAndListedUnderIt(string category)
    {
        var phrase = $"vaunted-{Unique()}";

        var response = await _client.PostJsonAsync("/lexicon/terms", NewTerm(phrase, 0.5, 0, 1, polarity: "neutral", category: category));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(category, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["category"]!.GetValue<string>());
        var listed = JsonNode.Parse(await _client.GetStringAsync($"/lexicon?category={category}"))!["terms"]!.AsArray();
        Assert.Contains(listed, t => t!["phrase"]!.GetValue<string>() == phrase);
        Assert.All(listed, t => Assert.Equal(category, t!["category"]!.GetValue<string>()));
    }
}
