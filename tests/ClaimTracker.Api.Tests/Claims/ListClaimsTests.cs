using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// Every test tags its claims with a topic of its own and filters by it, so it sees only what it recorded.
public sealed class ListClaimsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ListClaims_ByStatus_ReturnsClaimsInAnyOfTheListedStatuses()
    {
        var topic = NewTopic();
        var unverified = await RecordAsync(topic);
        var confirmed = await RecordAsync(topic, stance: "confirms");
        var contradicted = await RecordAsync(topic, stance: "contradicts");

        var either = await ListAsync($"topic={topic}&status=confirmed,%20contradicted");
        var one = await ListAsync($"topic={topic}&status=unverified");
        var all = await ListAsync($"topic={topic}&status=");

        Assert.Equal([confirmed.Id, contradicted.Id], either.Items.Select(c => c.Id).Order());
        Assert.Equal(2, either.Total);
        Assert.Equal(3, all.Total);
        var item = Assert.Single(one.Items);
        Assert.Equal((unverified.Id, ClaimStatus.Unverified, 1, 0), (item.Id, item.Status, item.ReportCount, item.EvidenceCount));
    }

    [Fact]
    public async Task ListClaims_BySource_MatchesItInAnyRoleBySlugOrById()
    {
        var topic = NewTopic();
        var suffix = Unique();
        var yonhap = await _client.CreateSourceAsync(Source($"Yonhap {suffix}", "wire_agency"));
        var asOrigin = await RecordAsync(topic, chain: [Link(Slug(yonhap.Slug))]);
        var asRelay = await RecordAsync(topic, chain: [Link(Inline($"Official {suffix}", "official")), Link(Slug(yonhap.Slug))]);
        var asPublisher = await RecordAsync(topic, publisher: Slug(yonhap.Slug));
        await RecordAsync(topic);

        var bySlug = await ListAsync($"topic={topic}&source={yonhap.Slug}");
        var byId = await ListAsync($"topic={topic}&source={yonhap.Id}");
        var byUnknown = await ListAsync($"topic={topic}&source=no-such-source");

        Guid[] expected = [.. new[] { asOrigin.Id, asRelay.Id, asPublisher.Id }.Order()];
        Assert.Equal(expected, bySlug.Items.Select(c => c.Id).Order());
        Assert.Equal(expected, byId.Items.Select(c => c.Id).Order());
        Assert.Empty(byUnknown.Items);
    }

    [Fact]
    public async Task ListClaims_ByTopics_MatchesClaimsWithAllOfThem()
    {
        var topic = NewTopic();
        var russia = await RecordAsync(topic, topics: ["russia"]);
        await RecordAsync(topic, topics: ["weapons"]);
        var both = await RecordAsync(topic, topics: ["russia", "weapons"]);

        var withRussia = await ListAsync($"topic={topic},russia");
        var withBoth = await ListAsync($"topic={topic.ToUpperInvariant()},%20Russia,weapons");

        Assert.Equal([russia.Id, both.Id], withRussia.Items.Select(c => c.Id).Order());
        Assert.Equal([both.Id], withBoth.Items.Select(c => c.Id));
    }

    [Theory]
    [InlineData("train", "Kim's train left Pyongyang", "KIM'S TRAIN REACHED KHASAN")]
    [InlineData("TRAIN REACHED", "KIM'S TRAIN REACHED KHASAN")]
    [InlineData("  khasan ", "KIM'S TRAIN REACHED KHASAN")]
    [InlineData("Kim's", "Kim's train left Pyongyang", "KIM'S TRAIN REACHED KHASAN")]
    public async Task ListClaims_ByText_MatchesPartOfTheStatementIgnoringCase(string q, params string[] expected)
    {
        var topic = NewTopic();
        foreach (var statement in new[] { "Kim's train left Pyongyang", "KIM'S TRAIN REACHED KHASAN", "Putin and Kim met at Vostochny" })
            await RecordAsync(topic, $"{statement} ({topic})");

        var page = await ListAsync($"topic={topic}&q={Uri.EscapeDataString(q)}");

        Assert.Equal(expected.Order(), page.Items.Select(c => c.Statement.Replace($" ({topic})", "")).Order());
    }

    [Theory]
    [InlineData("from=2023-09-11T06:00:00Z", "11,12")]
    [InlineData("to=2023-09-11T06:00:00Z", "10,11")]
    [InlineData("from=2023-09-11T00:00:00Z&to=2023-09-11T23:59:59Z", "11")]
    [InlineData("from=2023-09-11T11:00:00%2B05:00&to=2023-09-11T11:00:00%2B05:00", "11")]
    [InlineData("from=2023-09-13T00:00:00Z", "")]
    public async Task ListClaims_ByDateRange_IncludesBothEnds(string range, string expectedDays)
    {
        var topic = NewTopic();
        var byDay = new Dictionary<string, Guid>();
        foreach (var day in new[] { "10", "11", "12" })
            byDay[day] = (await RecordAsync(topic, reportedAt: $"2023-09-{day}T06:00:00Z")).Id;

        var page = await ListAsync($"topic={topic}&{range}&sort=firstReportedAt");

        Assert.Equal(expectedDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => byDay[d]), page.Items.Select(c => c.Id));
    }

    [Theory]
    [InlineData("firstReportedAt", "Bravo,Charlie,Alpha")]
    [InlineData("-firstReportedAt", "Alpha,Charlie,Bravo")]
    [InlineData(null, "Alpha,Charlie,Bravo")]
    [InlineData("statement", "Alpha,Bravo,Charlie")]
    [InlineData("-statement", "Charlie,Bravo,Alpha")]
    public async Task ListClaims_Sorted_OrdersByTheField(string? sort, string expected)
    {
        var topic = NewTopic();
        await RecordAsync(topic, $"Bravo: Kim's train left Pyongyang ({topic})", reportedAt: "2023-09-10T06:00:00Z");
        await RecordAsync(topic, $"Alpha: Kim and Putin will meet ({topic})", reportedAt: "2023-09-12T06:00:00Z");
        await RecordAsync(topic, $"Charlie: the train reached Khasan ({topic})", reportedAt: "2023-09-11T06:00:00Z");

        var page = await ListAsync(sort is null ? $"topic={topic}" : $"topic={topic}&sort={sort}");

        Assert.Equal(expected.Split(','), page.Items.Select(c => c.Statement.Split(':')[0]));
    }

    [Fact]
    public async Task ListClaims_Paged_ReturnsThePageAskedForAndTheTotal()
    {
        var topic = NewTopic();
        var ids = new List<Guid>();
        foreach (var day in Enumerable.Range(10, 5))
            ids.Add((await RecordAsync(topic, reportedAt: $"2023-09-{day}T06:00:00Z")).Id);

        var second = await ListAsync($"topic={topic}&sort=firstReportedAt&pageSize=2&page=2");
        var last = await ListAsync($"topic={topic}&sort=firstReportedAt&pageSize=2&page=3");
        var beyond = await ListAsync($"topic={topic}&sort=firstReportedAt&pageSize=2&page=4");

        Assert.Equal((2, 2, 5), (second.Page, second.PageSize, second.Total));
        Assert.Equal(ids[2..4], second.Items.Select(c => c.Id));
        Assert.Equal([ids[4]], last.Items.Select(c => c.Id));
        Assert.Equal((0, 5), (beyond.Items.Count, beyond.Total));
    }

    [Theory]
    [InlineData("status=maybe", "status")]
    [InlineData("status=confirmed,maybe", "status")]
    [InlineData("sort=popularity", "sort")]
    [InlineData("from=2023-09-12T00:00:00Z&to=2023-09-10T00:00:00Z", "to")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task ListClaims_WithAnInvalidQuery_Returns400NamingTheParameter(string query, string errorKey)
    {
        var response = await _client.GetAsync($"/claims?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Fact]
    public async Task ListClaims_WithAnUnreadableDate_Returns400()
    {
        var response = await _client.GetAsync("/claims?from=last-tuesday");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static string NewTopic() => $"search-{Unique()}";

    private Task<PagedList<ListClaims.Item>> ListAsync(string query) => _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?{query}");

    private async Task<ClaimResponse> RecordAsync(
        string topic, string? statement = null, string? reportedAt = null, IReadOnlyList<string>? topics = null,
        IReadOnlyList<object>? chain = null, object? publisher = null, string? stance = null)
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique(), statement, reportedAt, [topic, .. topics ?? []], chain, publisher));
        return stance is null ? claim : await _client.AddEvidenceAsync(claim.Id, NewEvidence(stance));
    }

    [Theory]
    [InlineData("100%", "Turnout was 100% in the Amur region")]
    [InlineData("%", "Turnout was 100% in the Amur region")]
    [InlineData("snake_case", "The snake_case summit")]
    [InlineData("_", "The snake_case summit")]
    public async Task ListClaims_ByText_TakesWildcardsLiterally(string q, string expected)
    {
        var topic = $"search-{Unique()}";
        foreach (var statement in new[] { "Turnout was 100% in the Amur region", "Turnout was 100 percent in Primorye", "The snake_case summit", "The snakeXcase summit" })
            await _client.RecordClaimAsync(NewClaim(Unique(), $"{statement} ({topic})", topics: [topic]));

        var page = await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?topic={topic}&q={Uri.EscapeDataString(q)}");

        Assert.Equal([$"{expected} ({topic})"], page.Items.Select(c => c.Statement));
    }
}
