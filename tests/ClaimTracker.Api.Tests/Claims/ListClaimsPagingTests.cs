using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Npgsql;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// Keyset pages of GET /claims: every test tags its claims with a topic of its own and filters by it.
public sealed class ListClaimsPagingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("firstReportedAt")]
    [InlineData("-firstReportedAt")]
    [InlineData("updatedAt")]
    [InlineData("statement")]
    [InlineData("-statement")]
    [InlineData("probability")]
    public async Task ListClaims_WalkedByToken_ReturnsEveryClaimOnceInOrder_WhileClaimsAreInserted(string sort)
    {
        var topic = NewTopic();
        // Three claims share a report time, so the id must break the tie the same way on every page.
        foreach (var (statement, at) in new[] { ("b", "2026-05-01T10:00:00Z"), ("a", "2026-05-01T10:00:00Z"), ("c", "2026-05-01T10:00:00Z"),
                     ("e", "2026-05-02T10:00:00Z"), ("d", "2026-04-30T10:00:00Z"), ("b", "2026-05-03T10:00:00Z"), ("f", "2026-05-01T09:00:00Z") })
            await RecordAsync(topic, statement, at);
        var expected = (await ListAsync($"topic={topic}&sort={sort}&pageSize=100")).Items.Select(c => c.Id).ToList();

        var walked = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ListAsync($"topic={topic}&sort={sort}&pageSize=2" + (token is null ? "" : $"&pageToken={token}"));
            walked.AddRange(page.Items.Select(c => c.Id));
            token = page.NextPageToken;
            // Rows written between pages, sorting before, among and after the rest, must not shift what is still to come.
            // (Only between the first pages: in an order where new rows come last, the walk would otherwise never end.)
            if (++pages <= 2)
            {
                await RecordAsync(topic, "a", "2026-05-01T10:00:00Z");
                await RecordAsync(topic, "z", "2026-06-01T10:00:00Z");
                await RecordAsync(topic, "0", "2026-01-01T10:00:00Z");
            }
            Assert.True(pages < 50, "The walk did not end.");
        } while (token is not null);

        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(expected, walked.Where(expected.Contains));
    }

    [Fact]
    public async Task ListClaims_Pages_CarryExactTotalAndNoTokenOnTheLastPage()
    {
        var topic = NewTopic();
        for (var i = 0; i < 3; i++) await RecordAsync(topic);

        var first = await ListAsync($"topic={topic}&pageSize=2");
        var last = await ListAsync($"topic={topic}&pageSize=2&pageToken={first.NextPageToken}");

        Assert.Equal((3, false, 1), (first.Total, first.TotalIsEstimate, first.Page));
        Assert.NotNull(first.NextPageToken);
        Assert.Single(last.Items);
        Assert.Null(last.NextPageToken);
        Assert.Null(last.Page);
    }

    [Theory]
    [InlineData("sort=statement")]
    [InlineData("status=confirmed")]
    [InlineData("q=other")]
    public async Task ListClaims_WithTheTokenOfAnotherQuery_IsRefusedNamingPageToken(string otherParameters)
    {
        var topic = NewTopic();
        for (var i = 0; i < 3; i++) await RecordAsync(topic);
        var token = (await ListAsync($"topic={topic}&pageSize=1")).NextPageToken;

        var response = await _client.GetAsync($"/claims?topic={topic}&pageSize=1&{otherParameters}&pageToken={token}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
    }

    [Fact]
    public async Task ListClaims_WithATamperedToken_IsRefusedNamingPageToken()
    {
        var topic = NewTopic();
        for (var i = 0; i < 3; i++) await RecordAsync(topic);
        var token = (await ListAsync($"topic={topic}&pageSize=1")).NextPageToken!;
        var flipped = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        foreach (var bad in new[] { flipped, token[..^4], "not-a-token", "e30" })
            await (await _client.GetAsync($"/claims?topic={topic}&pageSize=1&pageToken={bad}"))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
    }

    [Fact]
    public async Task ListClaims_PageBeyondTheOffsetLimit_IsRefusedWithAdviceToUseTokens()
    {
        var within = await _client.GetAsync($"/claims?page={Paging.MaxOffsetItems / 25}&pageSize=25");
        var beyond = await _client.GetAsync($"/claims?page={Paging.MaxOffsetItems / 25 + 1}&pageSize=25");

        await within.AssertStatusAsync(HttpStatusCode.OK);
        var problem = await beyond.AssertProblemAsync(HttpStatusCode.BadRequest, "page");
        Assert.Contains("pageToken", problem.Errors["page"][0]);
    }

    [Fact]
    public async Task ListClaims_MatchingMoreThanTheCountLimit_MarksTheTotalAsAnEstimate()
    {
        var topic = NewTopic();
        // Written straight into the table: ten thousand claims over HTTP would take minutes.
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO claims (id, statement, topics, first_reported_at, status, version, created_at, updated_at)
                SELECT gen_random_uuid(), 'Bulk claim ' || n, ARRAY[@topic], now() - n * interval '1 second', 'unverified', 1, now(), now()
                FROM generate_series(1, @count) AS n
                """, connection);
            insert.Parameters.AddWithValue("topic", topic);
            insert.Parameters.AddWithValue("count", Paging.CountLimit + 1);
            await insert.ExecuteNonQueryAsync();
        }
        var small = NewTopic();
        await RecordAsync(small);

        var many = await ListAsync($"topic={topic}&pageSize=5");
        var one = await ListAsync($"topic={small}");

        Assert.Equal((Paging.CountLimit, true), (many.Total, many.TotalIsEstimate));
        Assert.Equal(5, many.Items.Count);
        Assert.Equal((1, false), (one.Total, one.TotalIsEstimate));
    }

    private static string NewTopic() => $"paging-{Unique()}";

    private Task<PagedList<ListClaims.Item>> ListAsync(string query) => _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?{query}");

    private Task<ClaimResponse> RecordAsync(string topic, string? statement = null, string? reportedAt = null) =>
        _client.RecordClaimAsync(NewClaim(Unique(), statement is null ? null : $"{statement} {topic} {Unique()}", reportedAt, [topic]));
}
