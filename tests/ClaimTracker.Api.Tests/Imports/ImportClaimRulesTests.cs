using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

// The claim rules an import applies in SQL: a new claim's status and history, resolutions.
public sealed class ImportClaimRulesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string ResolveReason = "Resolved by the fact-check.";

    private readonly HttpClient _client = api.ImportClient();

    // The same story told twice, once through the claim endpoints and once through an import line, must leave the
    // same rows: status, version, times, evidence and history (the history's wording aside, which names its path).
    // evidence: the stances added first (a leading '?' for inconclusive); before: a resolution made first; existing:
    // the claim is recorded before the import (otherwise the import creates it).
    [Theory]
    [InlineData(false, "", null, null)]
    [InlineData(false, "", null, "true")]
    [InlineData(false, "", null, "false")]
    [InlineData(false, "", null, "mixed")]
    [InlineData(false, "", null, "unresolvable")]
    [InlineData(true, "", null, "true")]
    [InlineData(true, "confirms", null, "true")]
    [InlineData(true, "partly_confirms", null, "mixed")]
    [InlineData(true, "confirms,contradicts", null, "false")]
    [InlineData(true, "?confirms", null, "unresolvable")]
    [InlineData(true, "", "false", "true")]
    [InlineData(true, "", "false", "false")]
    public async Task Import_LeavesTheRowsTheClaimEndpointsLeave(bool existing, string evidence, string? before, string? resolution)
    {
        var tag = Unique();
        var stances = evidence.Split(',', StringSplitOptions.RemoveEmptyEntries);

        var byApi = await ArrangeAsync($"Told through the endpoints {tag}");
        if (resolution is not null)
        {
            var response = await _client.PostJsonAsync($"/claims/{byApi.Id}/resolution", Resolution(resolution, byApi.Version, ResolveReason));
            await response.AssertStatusAsync(resolution == before ? HttpStatusCode.Conflict : HttpStatusCode.OK);
        }

        var statement = $"Told through an import {tag}";
        if (existing) await ArrangeAsync(statement);
        var import = await _client.PostAsync("/imports", Body(Ndjson(new { source = $"Outlet {tag}", claim = statement, polarity = "affirms", time = PublishedAt, resolution }), "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var byImport = await api.ClaimByStatementAsync(_client, statement);

        var viaApi = await RowsAsync(byApi.Id, []);
        var viaImport = await RowsAsync(byImport.Id,
            [$"Imported (import {import.Id}, line 1).", $"Resolved as '{resolution}' by import {import.Id}, line 1."]);
        Assert.Equal(viaApi.Claim, viaImport.Claim);
        Assert.Equal(viaApi.History, viaImport.History);

        async Task<ClaimResponse> ArrangeAsync(string text)
        {
            var claim = await _client.RecordClaimAsync(NewClaim(tag, statement: text));
            foreach (var stance in stances) claim = await _client.AddEvidenceAsync(claim.Id, NewEvidence(stance.TrimStart('?'), conclusive: !stance.StartsWith('?')));
            return before is null ? claim : await _client.ResolveAsync(claim, before);
        }
    }

    // A claim's row and its history, with the two texts that name the path (recording, the final resolution) read as
    // "recorded" and "resolved": the endpoints' wording first, then the import's, given in that order.
    private async Task<(object?[] Claim, List<object?[]> History)> RowsAsync(Guid id, string[] importWording)
    {
        var claim = Assert.Single(await api.QueryAsync("""
            SELECT c.status, c.version, c.topics, c.first_reported_at, c.question_id IS NULL,
                   c.created_at = min(h.changed_at), c.updated_at = max(h.changed_at), (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id)
            FROM claims c JOIN claim_status_changes h ON h.claim_id = c.id WHERE c.id = @id GROUP BY c.id
            """, id));
        var history = await api.QueryAsync("""
            SELECT "from", "to", evidence_id IS NOT NULL, reason FROM claim_status_changes WHERE claim_id = @id ORDER BY changed_at, id
            """, id);
        foreach (var row in history)
        {
            var reason = (string)row[3]!;
            row[3] = reason == "Recorded with its first report." || importWording.Length > 0 && reason == importWording[0] ? "recorded"
                : reason == ResolveReason || importWording.Length > 1 && reason == importWording[1] ? "resolved"
                : reason;
        }
        return (claim, history);
    }

    [Fact]
    public async Task Import_Resolution_ResolvesTheClaimWithAHistoryEntry()
    {
        var tag = Unique();
        var existing = await _client.RecordClaimAsync(NewClaim(tag, statement: $"The train is in Russia {tag}"));
        var alreadyFalse = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(tag, statement: $"Kim flew {tag}")), "false");
        var file = Ndjson(
            new { source = $"KCNA {tag}", claim = $"The train is in Russia {tag}", polarity = "affirms", resolution = "true" },
            new { source = $"KCNA {tag}", claim = $"Kim stays home {tag}", polarity = "denies", resolution = "false" },
            new { source = $"KCNA {tag}", claim = $"Kim stays home {tag}", polarity = "denies" },
            new { source = $"KCNA {tag}", claim = $"Kim flew {tag}", polarity = "denies", resolution = "false" });

        var import = await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var resolved = await _client.GetClaimAsync(existing.Id);
        Assert.Equal((ClaimStatus.True, existing.Version + 1), (resolved.Status, resolved.Version));
        Assert.Equal((ClaimStatus.Unverified, ClaimStatus.True, $"Resolved as 'true' by import {import.Id}, line 1."),
            (resolved.History[^1].From, resolved.History[^1].To, resolved.History[^1].Reason));
        var created = await api.ClaimByStatementAsync(_client, $"Kim stays home {tag}");
        Assert.Equal((ClaimStatus.False, 2), (created.Status, created.Version));
        Assert.Equal([(null, ClaimStatus.Unverified), (ClaimStatus.Unverified, ClaimStatus.False)],
            created.History.Select(h => (h.From, h.To)));
        var unchanged = await _client.GetClaimAsync(alreadyFalse.Id);
        Assert.Equal((alreadyFalse.Version, alreadyFalse.History.Count), (unchanged.Version, unchanged.History.Count));
    }

    [Fact]
    public async Task Import_ConflictingResolutionsOfOneClaim_AreLineErrors()
    {
        var tag = Unique();
        var file = Ndjson(
            new { source = $"A {tag}", claim = $"Contested {tag}", polarity = "affirms", resolution = "true" },
            new { source = $"B {tag}", claim = $"Other {tag}", polarity = "affirms", resolution = "mixed" },
            new { source = $"B {tag}", claim = $"Contested {tag}", polarity = "denies", resolution = "false" },
            new { source = $"C {tag}", claim = $"Contested {tag}", polarity = "denies", resolution = "true" });

        var rejected = await api.WithoutWritesExceptImportsAsync(() => _client.PostAsync("/imports", Body(file, "application/x-ndjson")));
        var skipped = await _client.PostAsync("/imports?errors=skip_line", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var problem = await rejected.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "line 3");
        Assert.Equal(["'resolution' is 'false', but line 1 resolves the same claim as 'true'."], problem.Errors["line 3"]);
        Assert.Equal((4L, 3L, 1L), (skipped.LinesRead, skipped.LinesLoaded, skipped.LinesRejected));
        Assert.Equal(ClaimStatus.True, (await api.ClaimByStatementAsync(_client, $"Contested {tag}")).Status);
    }
}
