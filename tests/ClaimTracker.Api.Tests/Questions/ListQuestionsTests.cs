using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Questions;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Questions;

public sealed class ListQuestionsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ListQuestions_CountsEachQuestionsClaimsAndOpenClaims()
    {
        var tag = Unique();
        var first = await RecordAsync(tag, "Vostochny");
        await RecordAsync(tag, "Vladivostok");
        await _client.ResolveAsync(first, "true");

        var page = await _client.GetOkAsync<PagedList<ListQuestions.Item>>("/questions?pageSize=100");

        var item = Assert.Single(page.Items, q => q.Key == $"where-{tag}");
        Assert.Equal(("Where will Kim meet Putin?", 2, 1), (item.Text, item.ClaimCount, item.OpenClaims));
    }

    [Fact]
    public async Task ListQuestions_WalkedByToken_ReturnsEveryQuestionOnceNewestFirst_WhileQuestionsAreAsked()
    {
        for (var i = 0; i < 4; i++) await RecordAsync(Unique(), "Vostochny");
        var expected = (await ListAsync("pageSize=100")).Items.Select(q => q.Key).ToList();

        var walked = (await TokenWalk.WalkAsync(token => ListAsync("pageSize=1" + TokenWalk.After(token)), () => RecordAsync(Unique(), "Vladivostok")))
            .Select(q => q.Key).ToList();

        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(expected, walked.Where(expected.Contains));
        await (await _client.GetAsync("/questions?pageSize=1&pageToken=not-a-token")).AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=first", "page")]
    public async Task ListQuestions_WithAnInvalidQuery_Returns400NamingTheParameter(string query, string errorKey)
    {
        var response = await _client.GetAsync($"/questions?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    private Task<PagedList<ListQuestions.Item>> ListAsync(string query) => _client.GetOkAsync<PagedList<ListQuestions.Item>>($"/questions?{query}");

    private Task<ClaimResponse> RecordAsync(string tag, string place) => _client.RecordClaimAsync(new
    {
        statement = $"{place} {tag}", question = $"where-{tag}", questionText = "Where will Kim meet Putin?",
        report = Report(Article($"https://news.test/{tag}/{place}", Inline($"Outlet {tag}", "outlet")), [Link(Inline($"Official {tag}", "official"))]),
    });
}
