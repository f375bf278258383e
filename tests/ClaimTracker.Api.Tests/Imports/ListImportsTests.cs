using System.Net;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

public sealed class ListImportsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

    [Fact]
    public async Task Import_List_IsNewestFirstAndPaged()
    {
        var tag = Unique();
        var file = Ndjson(new { source = $"S {tag}", claim = $"C {tag}", polarity = "affirms" });
        var older = await _client.PostAsync($"/imports?name=older-{tag}", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var newer = await _client.PostAsync($"/imports?name=newer-{tag}", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var page = await _client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=2");
        var second = await _client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=1&page=2");

        Assert.Equal([newer.Id, older.Id], page.Items.Select(i => i.Id));
        Assert.Equal((2, 2, older.Id), (page.PageSize, second.Page, second.Items[0].Id));
        Assert.True(page.Total >= 2);
        Assert.Equal((ImportStatus.Succeeded, 1L, $"newer-{tag}"), (page.Items[0].Status, page.Items[0].LinesLoaded, page.Items[0].FileName));
    }

    [Fact]
    public async Task Import_ListWalkedByToken_ReturnsEveryImportOnceNewestFirst_WhileImportsAreMade()
    {
        var tag = Unique();
        for (var i = 0; i < 4; i++) await ImportAsync($"walked-{i}-{tag}");
        var expected = (await _client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=100")).Items.Select(i => i.Id).ToList();

        var walked = (await TokenWalk.WalkAsync(
            token => _client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=1" + TokenWalk.After(token)),
            () => ImportAsync($"meanwhile-{Unique()}"))).Select(i => i.Id).ToList();

        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(expected, walked.Where(expected.Contains));
        await (await _client.GetAsync("/imports?pageSize=1&pageToken=not-a-token")).AssertProblemAsync(HttpStatusCode.BadRequest, "pageToken");
    }

    private Task<ImportResponse> ImportAsync(string name) =>
        _client.PostAsync($"/imports?name={name}", Body(Ndjson(new { source = $"S {name}", claim = $"C {name}", polarity = "affirms" }), "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

    // The duration covers the load: the import finishes (durationMs runs from the request to its finish) after the
    // rows it loaded were stamped, at the load's start.
    [Fact]
    public async Task Import_Duration_EndsAfterTheLoad()
    {
        var tag = Unique();
        var file = Ndjson(new { source = $"S {tag}", claim = $"C {tag}", polarity = "affirms" });

        var import = await _client.PostAsync($"/imports?name=timed-{tag}", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var row = Assert.Single(await api.QueryAsync("""
            SELECT i.finished_at > c.created_at, i.duration_ms >= 0
            FROM imports i, claims c WHERE i.id = @import AND c.statement = @statement
            """, import.Id, $"C {tag}"));
        Assert.Equal([true, true], row);
    }
}
