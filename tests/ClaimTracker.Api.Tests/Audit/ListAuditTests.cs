using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Audit;

// Every write says who made it, in the write's own transaction; an administrator reads it back at GET /audit.
public sealed class ListAuditTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Audit_ShowsWhoRecordedAClaim()
    {
        var name = $"Newsroom script {Requests.Unique()}";
        var created = await api.CreateKeyAsync(Role.Editor, name);
        var claim = await api.ClientWithKey(created.Key).RecordClaimAsync(Requests.NewClaim(Requests.Unique()));

        var audit = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={claim.Id}");

        var entry = Assert.Single(audit.Items);
        Assert.Equal(("RecordClaim", $"key:{created.ApiKey.Id}", name), (entry.Action, entry.ActorId, entry.ActorName));
        Assert.Contains(entry.Changes, c => c is { Entity: "claims", Change: ChangeKind.Added } && c.EntityId == claim.Id.ToString());
        Assert.Contains(entry.Changes, c => c is { Entity: "reports", Change: ChangeKind.Added });
    }

    [Fact]
    public async Task Audit_FollowsAClaimThroughItsChangesAndFiltersByActorActionAndTime()
    {
        var editor = await api.CreateKeyAsync(Role.Editor);
        var client = api.ClientWithKey(editor.Key);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        var claim = await client.RecordClaimAsync(Requests.NewClaim(Requests.Unique()));
        await _admin.ResolveAsync(claim, "true");

        var history = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={claim.Id}&entity=claims");
        Assert.Equal(["ResolveClaim", "RecordClaim"], history.Items.Select(e => e.Action));
        Assert.Equal($"key:{TestDatabase.AdminKeyId}", history.Items[0].ActorId);

        var byActor = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?actor=key:{editor.ApiKey.Id}");
        Assert.Equal(["RecordClaim"], byActor.Items.Select(e => e.Action));
        var byAction = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?action=ResolveClaim&from={Uri.EscapeDataString(start)}");
        Assert.Contains(byAction.Items, e => e.Changes.Any(c => c.EntityId == claim.Id.ToString()));
        Assert.All(byAction.Items, e => Assert.Equal("ResolveClaim", e.Action));
        var before = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={claim.Id}&to={Uri.EscapeDataString(start)}");
        Assert.Empty(before.Items);
    }

    [Fact]
    public async Task Audit_ListsSourcesAndArticlesCreatedInline()
    {
        var tag = Requests.Unique();
        var claim = await _admin.RecordClaimAsync(Requests.NewClaim(tag));
        var source = await _admin.CreateSourceAsync(Requests.Source($"Audited outlet {tag}"));

        var recorded = Assert.Single((await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={claim.Id}")).Items);
        Assert.Equal(2, recorded.Changes.Count(c => c is { Entity: "sources", Change: ChangeKind.Added })); // outlet and official
        Assert.Single(recorded.Changes, c => c is { Entity: "articles", Change: ChangeKind.Added });
        var created = Assert.Single((await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={source.Id}")).Items);
        Assert.Equal("CreateSource", created.Action);
    }

    [Fact]
    public async Task Audit_ShowsWhoImportedAClaim()
    {
        var tag = Requests.Unique();
        var created = await api.CreateKeyAsync(Role.Editor, $"Archive importer {tag}");
        var file = $$"""{"source": "Importer {{tag}}", "claim": "Imported claim {{tag}}", "polarity": "affirms", "question": "q-{{tag}}"}""" + "\n";
        var import = await api.ClientWithKey(created.Key)
            .PostAsync("/imports", new StringContent(file, System.Text.Encoding.UTF8, "application/x-ndjson"))
            .ExpectAsync<ClaimTracker.Api.Features.Imports.ImportResponse>(HttpStatusCode.Created);
        var claim = (await _admin.GetOkAsync<JsonNode>($"/claims?q={tag}"))["items"]![0]!;

        var audit = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={(string)claim["id"]!}");

        var entry = Assert.Single(audit.Items);
        Assert.Equal(("ImportAssertions", $"key:{created.ApiKey.Id}"), (entry.Action, entry.ActorId));
        Assert.Contains(entry.Changes, c => c is { Entity: "imports" } && c.EntityId == import.Id.ToString());
        Assert.Contains(entry.Changes, c => c is { Entity: "sources", Change: ChangeKind.Added });
        Assert.Contains(entry.Changes, c => c is { Entity: "questions", Change: ChangeKind.Added });
    }

    [Fact]
    public async Task Audit_WithTimesInAnyOffset_FiltersByTheInstant()
    {
        var claim = await _admin.RecordClaimAsync(Requests.NewClaim(Requests.Unique()));
        var at = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-5));

        var before = await _admin.GetOkAsync<PagedList<ListAudit.Response>>(
            $"/audit?entityId={claim.Id}&to={Uri.EscapeDataString(at.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:sszzz"))}");
        var since = await _admin.GetOkAsync<PagedList<ListAudit.Response>>(
            $"/audit?entityId={claim.Id}&from={Uri.EscapeDataString(at.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:sszzz"))}");

        Assert.Empty(before.Items);
        Assert.Single(since.Items);
    }

    [Fact]
    public async Task Audit_WithABadTime_Returns400()
    {
        var response = await _admin.GetAsync("/audit?from=yesterday");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "from");
    }
}
