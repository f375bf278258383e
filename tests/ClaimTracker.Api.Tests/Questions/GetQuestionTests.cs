using System.Net;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Questions;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Questions;

// Questions are loaded through an import (one request for many claims), then scored once.
public sealed class GetQuestionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetQuestion_KeyWithASlash_IsReachableWrittenPlainlyOrEncoded(bool encoded)
    {
        var tag = Unique();
        var question = $"Dune/author {tag}";
        var line = new { source = $"Library {tag}", question, claim = $"Frank Herbert {tag}", polarity = "affirms" };
        await _client.PostAsync("/imports", Body(Ndjson(line), "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var path = encoded ? Uri.EscapeDataString(question) : string.Join('/', question.Split('/').Select(Uri.EscapeDataString));
        var answer = await _client.GetOkAsync<GetQuestion.Response>($"/questions/{path}");

        Assert.Equal((question, 1), (answer.Key, answer.ClaimCount));
    }

    [Fact]
    public async Task GetQuestion_WithFiftyClaims_RanksThemAllByEstimateInOneAnswer()
    {
        var tag = Unique();
        var question = $"population-{tag}";
        // Claim i is affirmed by (i % 4) + 1 sources of its own: four groups of equal estimates.
        var lines = Enumerable.Range(0, 50).SelectMany(i => Enumerable.Range(0, i % 4 + 1).Select(s =>
            (object)new { source = $"Source {tag} {i} {s}", question, claim = $"The city has {1000 + i} people {tag}", polarity = "affirms" }));
        await _client.PostAsync("/imports", Body(Ndjson([.. lines]), "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var run = await ScoringCalls.RunAsync(_client);

        var answer = await _client.GetOkAsync<GetQuestion.Response>($"/questions/{Uri.EscapeDataString(question)}");

        Assert.Equal((question, 50, 50, run.Id), (answer.Key, answer.ClaimCount, answer.OpenClaims, answer.Run!.Id));
        Assert.Equal(50, answer.Claims.Count);
        Assert.All(answer.Claims, c => Assert.NotNull(c.Probability));
        var estimates = answer.Claims.Select(c => c.Probability!.Value).ToList();
        Assert.Equal(estimates.OrderDescending(), estimates);
        Assert.Equal(estimates.Sum(), answer.ProbabilitySum!.Value, 9);
        Assert.All(answer.Claims, c => Assert.Equal(estimates.Count(p => p == c.Probability) > 1, c.Tied));
        Assert.All(answer.Claims, c => Assert.Equal(estimates.IndexOf(c.Probability!.Value) + 1, c.Rank));
        Assert.Equal(answer.Claims.Any(c => c.Tied), answer.HasTies);
        Assert.True(answer.HasTies, "claims affirmed alike should tie");
    }

    [Fact]
    public async Task GetQuestion_ClaimAffirmedByMoreSources_RanksFirstAndUntied()
    {
        var tag = Unique();
        var question = $"meeting-place-{tag}";
        var file = Ndjson(
            new { source = $"A {tag}", question, claim = $"Vostochny {tag}", polarity = "affirms" },
            new { source = $"B {tag}", question, claim = $"Vostochny {tag}", polarity = "affirms" },
            new { source = $"C {tag}", question, claim = $"Vostochny {tag}", polarity = "affirms" },
            new { source = $"D {tag}", question, claim = $"Vladivostok {tag}", polarity = "affirms" },
            new { source = $"E {tag}", question, claim = $"Moscow {tag}", polarity = "affirms" });
        await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        await ScoringCalls.RunAsync(_client);

        var answer = await _client.GetOkAsync<GetQuestion.Response>($"/questions/{question}");

        Assert.Equal($"Vostochny {tag}", answer.Claims[0].Statement);
        Assert.Equal((1, false), (answer.Claims[0].Rank, answer.Claims[0].Tied));
        Assert.Equal([(2, true), (2, true)], answer.Claims.Skip(1).Select(c => (c.Rank, c.Tied)));
    }

    [Fact]
    public async Task GetQuestion_BeforeAnyRun_ListsItsClaimsWithoutEstimates()
    {
        var tag = Unique();
        var claim = await _client.RecordClaimAsync(new
        {
            statement = $"Kim travels by train {tag}", question = $"how-{tag}", questionText = "How does Kim travel?",
            report = Report(Article($"https://news.test/{tag}", Inline($"Outlet {tag}", "outlet")), [Link(Inline($"Official {tag}", "official"))]),
        });

        var answer = await _client.GetOkAsync<GetQuestion.Response>($"/questions/how-{tag}");

        Assert.Equal(("How does Kim travel?", 1), (answer.Text, answer.ClaimCount));
        var item = Assert.Single(answer.Claims);
        Assert.Equal((claim.Id, 1, false), (item.Id, item.Rank, item.Tied));
    }

    [Fact]
    public async Task GetQuestion_Unknown_Returns404()
    {
        var response = await _client.GetAsync($"/questions/no-such-question-{Unique()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetQuestion_WithAKeyOverTheLimit_Returns400NamingTheKey()
    {
        var response = await _client.GetAsync($"/questions/{new string('k', 301)}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "key");
    }
}
