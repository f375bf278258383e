using System.Net;
using System.Text.Json;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// No silent duplicates: the same statement in the same question is one claim, and an inline source named as a stored
// source is known (its name or an alias) is that source.
public sealed class RecordClaimDuplicateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static object ClaimIn(string statement, string? question = null, string? onDuplicate = null, string? questionText = null)
    {
        var suffix = Unique();
        return new
        {
            statement,
            question,
            questionText,
            onDuplicate,
            report = Report(Article($"https://news.test/{suffix}", Inline($"Outlet {suffix}", "outlet")), [Link(Inline($"Official {suffix}", "official"))]),
        };
    }

    [Theory]
    [InlineData("Kim Jong Un's train has left for Russia ({0})", "kim jong un's train has left for russia ({0})")]
    [InlineData("Kim Jong Un's train has left for Russia ({0})", "  Kim  Jong Un's\ttrain has left for Russia ({0}).")]
    [InlineData("Kim Jong Un's train has left for Russia ({0})", "Kim Jong Un\u2019s train has left for Russia ({0})")]
    public async Task RecordClaim_SameStatementAgain_Is409WithTheStoredClaimAndWritesNothing(string first, string again)
    {
        var suffix = Unique();
        var stored = await _client.RecordClaimAsync(ClaimIn(string.Format(first, suffix)));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", ClaimIn(string.Format(again, suffix))));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(stored.Id, problem.RootElement.GetProperty("existingId").GetGuid());
        Assert.Equal($"/claims/{stored.Id}", response.Headers.Location?.OriginalString);
        Assert.Contains(stored.Id.ToString(), problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RecordClaim_DuplicateWithAddReport_AddsTheReportToTheStoredClaimWith200()
    {
        var statement = $"Putin will host Kim at the Vostochny Cosmodrome ({Unique()})";
        var stored = await _client.RecordClaimAsync(ClaimIn(statement));

        var response = await _client.PostJsonAsync("/claims", ClaimIn(statement.ToUpperInvariant(), onDuplicate: "add_report"));

        var claim = await Task.FromResult(response).ExpectAsync<ClaimResponse>(HttpStatusCode.OK);
        Assert.Equal(stored.Id, claim.Id);
        Assert.Equal(statement, claim.Statement);
        Assert.Equal(2, claim.Reports.Count);
        Assert.Equal(stored.Version + 1, claim.Version);
    }

    [Fact]
    public async Task RecordClaim_SameStatementInAnotherQuestion_IsAnotherClaim()
    {
        var suffix = Unique();
        var statement = $"Kim and Putin meet in Vladivostok ({suffix})";

        var alone = await _client.RecordClaimAsync(ClaimIn(statement));
        var inFirst = await _client.RecordClaimAsync(ClaimIn(statement, $"meeting-place-{suffix}", questionText: "Where will Kim meet Putin?"));
        var inSecond = await _client.RecordClaimAsync(ClaimIn(statement, $"meeting-place-2-{suffix}"));
        var again = await _client.PostJsonAsync("/claims", ClaimIn(statement + ".", $"meeting-place-{suffix}"));

        Assert.Equal(3, new[] { alone.Id, inFirst.Id, inSecond.Id }.Distinct().Count());
        Assert.Null(alone.Question);
        Assert.Equal($"meeting-place-{suffix}", inFirst.Question);
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RecordClaim_OneWordDifferent_IsAnotherClaim()
    {
        var suffix = Unique();
        var appears = await _client.RecordClaimAsync(ClaimIn($"Kim's train appears to have left for Russia ({suffix})"));
        var has = await _client.RecordClaimAsync(ClaimIn($"Kim's train has left for Russia ({suffix})"));

        Assert.NotEqual(appears.Id, has.Id);
    }

    [Fact]
    public async Task RecordClaim_SameStatementAtOnce_CreatesOneClaim()
    {
        var statement = $"Kim will travel by armoured train ({Unique()})";

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.PostJsonAsync("/claims", ClaimIn(statement))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Theory]
    [InlineData("question", 301, null)]
    [InlineData("question", 0, null)]
    [InlineData("questionText", -1, "Where?")]
    public async Task RecordClaim_BadQuestion_Is400NamingTheField(string field, int keyLength, string? questionText)
    {
        var key = keyLength < 0 ? null : new string('q', keyLength);
        var response = await api.WithoutWritesAsync(() =>
            _client.PostJsonAsync("/claims", ClaimIn($"A claim ({Unique()})", key, questionText: questionText)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("Yonhap")]
    [InlineData("YONHAP NEWS AGENCY")]
    public async Task InlineSource_NamedByAStoredNameOrAlias_IsThatSource(string inlineName)
    {
        var suffix = Unique();
        var stored = await _client.CreateSourceAsync(Source($"Yonhap News Agency {suffix}", slug: $"yonhap-{suffix}", aliases: [$"Yonhap {suffix}"]));
        var name = inlineName.StartsWith("YONHAP N") ? $"{inlineName} {suffix.ToUpperInvariant()}" : $"{inlineName} {suffix}";

        var claim = await _client.RecordClaimAsync(new
        {
            statement = $"Kim's train crossed into Russia ({suffix})",
            report = Report(Article($"https://news.test/{suffix}", Inline($"Outlet {suffix}", "outlet")), [Link(Inline(name, "outlet"))]),
        });

        Assert.Contains(claim.Reports[0].Chain, l => l.Source.Id == stored.Id);
        var sources = await _client.GetOkAsync<JsonElement>($"/sources?name={Uri.EscapeDataString(suffix)}&pageSize=100");
        Assert.DoesNotContain(sources.GetProperty("items").EnumerateArray(),
            s => s.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task InlineSource_SameNameUnderAnotherScope_IsAnotherSource()
    {
        var suffix = Unique();
        await _client.CreateSourceAsync(Source($"Outlet A {suffix}", slug: $"outlet-a-{suffix}"));
        await _client.CreateSourceAsync(Source($"Outlet B {suffix}", slug: $"outlet-b-{suffix}"));

        var first = await _client.RecordClaimAsync(new
        {
            statement = $"Officials expect a summit ({suffix})",
            report = Report(Article($"https://news.test/a/{suffix}", Slug($"outlet-a-{suffix}")), [Link(Inline("officials", "anonymous", $"outlet-a-{suffix}"))]),
        });
        var second = await _client.RecordClaimAsync(new
        {
            statement = $"Officials expect a summit soon ({suffix})",
            report = Report(Article($"https://news.test/b/{suffix}", Slug($"outlet-b-{suffix}")), [Link(Inline("officials", "anonymous", $"outlet-b-{suffix}"))]),
        });

        Assert.NotEqual(first.Reports[0].Chain[0].Source.Id, second.Reports[0].Chain[0].Source.Id);
    }
}
