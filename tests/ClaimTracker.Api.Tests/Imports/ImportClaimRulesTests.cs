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
    private readonly HttpClient _client = api.ImportClient();

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
