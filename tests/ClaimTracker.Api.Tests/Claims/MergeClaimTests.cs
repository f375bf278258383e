using System.Net;
using System.Text.Json;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

public sealed class MergeClaimTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();
    private readonly HttpClient _noRedirects = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static object ClaimOf(string statement, string? question = null, string? questionText = null) => new
    {
        statement, question, questionText,
        report = Report(Article($"https://news.test/merge/{Unique()}", Inline($"Outlet {Unique()}", "outlet")), [Link(Inline($"Official {Unique()}", "official"))]),
    };

    private Task<HttpResponseMessage> MergeAsync(Guid id, Guid into) => _client.PostJsonAsync($"/claims/{id}/merge", new { into });

    [Fact]
    public async Task Merge_MovesReportsEvidenceHistoryAndAssertionsAndRedirectsTheOldId()
    {
        var word = Unique();
        var target = await _client.RecordClaimAsync(ClaimOf($"The armoured train reached Vladivostok ({word})"));
        var duplicate = await _client.RecordClaimAsync(ClaimOf($"Kim's train arrived in Vladivostok ({word})"));
        await _client.AddReportAsync(duplicate.Id, Report(Article($"https://news.test/merge/{Unique()}", Inline($"Outlet {Unique()}", "outlet")), [Link(Inline($"Aide {Unique()}", "official"))]));
        duplicate = await _client.AddEvidenceAsync(duplicate.Id, Evidence(Article($"https://evidence.test/{Unique()}", Inline("Evidence Desk", "outlet")), "confirms"));
        await using (var db = new NpgsqlConnection(api.ConnectionString))
        {
            await db.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO assertions (claim_id, source_id, polarity) SELECT @claim, id, 'affirms' FROM sources LIMIT 1
                """, db);
            insert.Parameters.AddWithValue("claim", duplicate.Id);
            await insert.ExecuteNonQueryAsync();
        }

        var merged = await MergeAsync(duplicate.Id, target.Id).ExpectAsync<ClaimResponse>(HttpStatusCode.OK);

        Assert.Equal(target.Id, merged.Id);
        Assert.Equal(target.Reports.Select(r => r.Id).Concat(duplicate.Reports.Select(r => r.Id)).Order(), merged.Reports.Select(r => r.Id).Order());
        Assert.Equal(duplicate.Evidence.Select(e => e.Id), merged.Evidence.Select(e => e.Id));
        Assert.Equal(ClaimStatus.Confirmed, merged.Status);
        foreach (var entry in duplicate.History)
            Assert.Contains(merged.History, h => h.ChangedAt == entry.ChangedAt && h.Reason == $"[from merged claim {duplicate.Id}] {entry.Reason}");
        Assert.Contains(merged.History, h => h.Reason.Contains($"Merged claim {duplicate.Id}", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM assertions WHERE claim_id = @id", duplicate.Id));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM assertions WHERE claim_id = @id", target.Id));

        var old = await _noRedirects.GetAsync($"/claims/{duplicate.Id}");
        Assert.Equal(HttpStatusCode.PermanentRedirect, old.StatusCode);
        Assert.Equal($"/claims/{target.Id}", old.Headers.Location?.OriginalString);
        var similar = await _noRedirects.GetAsync($"/claims/{duplicate.Id}/similar");
        Assert.Equal(HttpStatusCode.PermanentRedirect, similar.StatusCode);
        Assert.Equal(target.Id, (await _client.GetClaimAsync(duplicate.Id)).Id);
    }

    [Fact]
    public async Task Merge_IsInTheAuditLogWithTheMovedRows()
    {
        var target = await _client.RecordClaimAsync(ClaimOf($"Audit target {Unique()}"));
        var duplicate = await _client.RecordClaimAsync(ClaimOf($"Audit duplicate {Unique()}"));

        await (await MergeAsync(duplicate.Id, target.Id)).AssertStatusAsync(HttpStatusCode.OK);

        var audit = await _client.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?action=MergeClaim&entityId={duplicate.Reports[0].Id}");
        var entry = Assert.Single(audit.Items);
        Assert.Contains(entry.Changes, c => c.Entity == "claims" && c.EntityId == duplicate.Id.ToString() && c.Change == ChangeKind.Modified);
        Assert.Contains(entry.Changes, c => c.Entity == "claims" && c.EntityId == target.Id.ToString());
    }

    [Fact]
    public async Task Merge_MergedClaimLeavesListsSearchAndSimilarAndTakesNoWrites()
    {
        var word = "Quelmarsk" + Unique()[..5];
        var target = await _client.RecordClaimAsync(ClaimOf($"The {word} bridge was closed to traffic on Monday"));
        var duplicate = await _client.RecordClaimAsync(ClaimOf($"On Monday the {word} bridge was closed to traffic"));

        await (await MergeAsync(duplicate.Id, target.Id)).AssertStatusAsync(HttpStatusCode.OK);

        var listed = await _client.GetOkAsync<JsonElement>($"/claims?q={word}");
        Assert.Equal([target.Id], listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var searched = await _client.GetOkAsync<SearchClaims.Response>($"/claims/search?query={word}");
        Assert.Equal([target.Id], searched.Claims.Select(c => c.Id));
        var similar = await _client.PostJsonAsync("/claims/similar", new { text = $"The {word} bridge was closed to traffic on Monday" })
            .ExpectAsync<FindSimilarClaims.Response>(HttpStatusCode.OK);
        Assert.DoesNotContain(similar.Claims, c => c.Id == duplicate.Id);
        var write = await _client.PostJsonAsync($"/claims/{duplicate.Id}/evidence", Evidence(Article($"https://evidence.test/{Unique()}", Inline("Evidence Desk", "outlet")), "confirms"));
        await write.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RecordClaim_MergedClaimsStatementAgain_FindsTheTarget()
    {
        var target = await _client.RecordClaimAsync(ClaimOf($"Target statement {Unique()}"));
        var statement = $"Merged statement {Unique()}";
        var duplicate = await _client.RecordClaimAsync(ClaimOf(statement));
        await (await MergeAsync(duplicate.Id, target.Id)).AssertStatusAsync(HttpStatusCode.OK);

        var again = await _client.PostJsonAsync("/claims", ClaimOf(statement));

        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        using var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(target.Id, problem.RootElement.GetProperty("existingId").GetGuid());
    }

    [Fact]
    public async Task Merge_ChainOfMerges_PointsEveryMergedClaimAtTheLastTarget()
    {
        var a = await _client.RecordClaimAsync(ClaimOf($"Chain a {Unique()}"));
        var b = await _client.RecordClaimAsync(ClaimOf($"Chain b {Unique()}"));
        var c = await _client.RecordClaimAsync(ClaimOf($"Chain c {Unique()}"));
        await (await MergeAsync(a.Id, b.Id)).AssertStatusAsync(HttpStatusCode.OK);
        await (await MergeAsync(b.Id, c.Id)).AssertStatusAsync(HttpStatusCode.OK);

        var old = await _noRedirects.GetAsync($"/claims/{a.Id}");

        Assert.Equal($"/claims/{c.Id}", old.Headers.Location?.OriginalString);
        Assert.Equal(3, (await _client.GetClaimAsync(c.Id)).Reports.Count);
    }

    [Fact]
    public async Task Merge_RefusedCases_Are4xxAndWriteNothing()
    {
        var claim = await _client.RecordClaimAsync(ClaimOf($"Refused {Unique()}"));
        var other = await _client.RecordClaimAsync(ClaimOf($"Refused other {Unique()}"));
        var question = $"refuse-{Unique()}";
        var inQuestion = await _client.RecordClaimAsync(ClaimOf($"Answer {Unique()}", question, "Which answer?"));
        var merged = await _client.RecordClaimAsync(ClaimOf($"Already merged {Unique()}"));
        await (await MergeAsync(merged.Id, other.Id)).AssertStatusAsync(HttpStatusCode.OK);

        await (await api.WithoutWritesAsync(() => MergeAsync(claim.Id, claim.Id))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await api.WithoutWritesAsync(() => MergeAsync(claim.Id, merged.Id))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await api.WithoutWritesAsync(() => MergeAsync(merged.Id, claim.Id))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await api.WithoutWritesAsync(() => MergeAsync(claim.Id, inQuestion.Id))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await api.WithoutWritesAsync(() => MergeAsync(claim.Id, Guid.NewGuid()))).AssertProblemAsync(HttpStatusCode.NotFound, "into");
        await (await api.WithoutWritesAsync(() => MergeAsync(Guid.NewGuid(), claim.Id))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.WithoutWritesAsync(() => _client.PostJsonAsync($"/claims/{claim.Id}/merge", new { }))).AssertProblemAsync(HttpStatusCode.BadRequest, "into");
    }

    [Fact]
    public async Task Merge_ByAReader_Is403()
    {
        var reader = await api.ClientAsync(ClaimTracker.Api.Features.Access.Role.Reader);
        var a = await _client.RecordClaimAsync(ClaimOf($"Reader a {Unique()}"));
        var b = await _client.RecordClaimAsync(ClaimOf($"Reader b {Unique()}"));

        var response = await reader.PostJsonAsync($"/claims/{a.Id}/merge", new { into = b.Id });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var db = new NpgsqlConnection(api.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
