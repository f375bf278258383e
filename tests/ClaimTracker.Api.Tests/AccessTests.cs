using System.Net;
using Xunit.Abstractions;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Migrations;

namespace ClaimTracker.Api.Tests;

public sealed class AccessTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    // The role each operation needs. Every operation of the OpenAPI document must be listed: a new one without an
    // entry fails the matrix, so nobody adds an endpoint without deciding who may call it.
    public static readonly Dictionary<string, Role> Needed = new()
    {
        ["ListSources"] = Role.Reader, ["GetSource"] = Role.Reader, ["CreateSource"] = Role.Admin, ["UpdateSource"] = Role.Admin,
        ["CreateArticle"] = Role.Editor, ["GetArticle"] = Role.Reader,
        ["ListClaims"] = Role.Reader, ["RecordClaim"] = Role.Editor, ["GetClaim"] = Role.Reader, ["AddReport"] = Role.Editor,
        ["AddEvidence"] = Role.Editor, ["ResolveClaim"] = Role.Editor, ["ReopenClaim"] = Role.Editor,
        ["GetLexicon"] = Role.Reader, ["GetLexiconTerm"] = Role.Reader, ["AddLexiconTerm"] = Role.Admin, ["UpdateLexiconTerm"] = Role.Admin,
        ["RetireLexiconTerm"] = Role.Admin, ["ListLexiconVersions"] = Role.Reader, ["GetLexiconVersion"] = Role.Reader,
        ["AnalyseText"] = Role.Reader, ["SubmitArticle"] = Role.Editor, ["ProposeClaims"] = Role.Reader,
        ["ImportAssertions"] = Role.Editor, ["GetImport"] = Role.Reader, ["ListImports"] = Role.Reader,
        ["StartScoringRun"] = Role.Admin, ["ListScoringRuns"] = Role.Reader, ["GetScoringRun"] = Role.Reader,
        ["GetSourceReliability"] = Role.Reader, ["GetReliabilityHistory"] = Role.Reader, ["GetClaimTruth"] = Role.Reader,
        ["CreateApiKey"] = Role.Admin, ["ListApiKeys"] = Role.Admin, ["RevokeApiKey"] = Role.Admin, ["ListAudit"] = Role.Admin,
    };

    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Matrix_EveryOperation_AnswersEachCallerAsItsRoleAllows()
    {
        var operations = await DocumentedOperations.ReadAsync(_admin);
        Assert.Equal(Needed.Keys.Order(), operations.Select(o => o.Id).Order());

        var revoked = await api.CreateKeyAsync(Role.Admin, "revoked admin");
        await _admin.PostAsync($"/keys/{revoked.ApiKey.Id}/revoke", null).ExpectAsync<ApiKeyResponse>(HttpStatusCode.OK);
        var callers = new (string Name, HttpClient Client, Role? Role)[]
        {
            ("anonymous", api.AnonymousClient(), null),
            ("reader", await api.ClientAsync(Role.Reader), Role.Reader),
            ("editor", await api.ClientAsync(Role.Editor), Role.Editor),
            ("admin", _admin, Role.Admin),
            ("revoked key", api.ClientWithKey(revoked.Key), null),
        };

        var failures = new List<string>();
        foreach (var operation in operations)
        foreach (var (name, client, role) in callers)
        {
            var response = await client.SendAsync(operation.Request());
            var status = (int)response.StatusCode;
            var expected = role is null ? 401 : role < Needed[operation.Id] ? 403 : (int?)null;
            var ok = expected is { } refused ? status == refused : status is not (401 or 403) && status < 500;
            if (!ok) failures.Add($"{operation.Id} as {name}: {status}, expected {expected?.ToString() ?? "allowed"}: {await response.Content.ReadAsStringAsync()}");
            else if (expected is not null) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        output.WriteLine($"{operations.Count} operations x {callers.Length} callers = {operations.Count * callers.Length} requests");
        await Guarantees.RecordAsync($"matrix: operations={operations.Count} callers={callers.Length} requests={operations.Count * callers.Length} unexpected={failures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Write_WithoutAKey_Returns401AndWritesNothing()
    {
        var response = await api.WithoutWritesAsync(() => api.AnonymousClient().PostJsonAsync("/claims", Requests.NewClaim(Requests.Unique())));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.Detail);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Write_WithAReaderKey_Returns403NamingTheRoleNeeded()
    {
        var reader = await api.ClientAsync(Role.Reader);

        var response = await api.WithoutWritesAsync(() => reader.PostJsonAsync("/claims", Requests.NewClaim(Requests.Unique())));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("editor", problem.Detail);
        Assert.Contains("reader", problem.Detail);
    }

    [Fact]
    public async Task RevokedKey_IsRefusedFromTheNextRequestOn()
    {
        var created = await api.CreateKeyAsync(Role.Editor);
        var editor = api.ClientWithKey(created.Key);
        await editor.RecordClaimAsync(Requests.NewClaim(Requests.Unique()));

        var revoked = await _admin.PostAsync($"/keys/{created.ApiKey.Id}/revoke", null).ExpectAsync<ApiKeyResponse>(HttpStatusCode.OK);

        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal($"key:{TestKeyId()}", revoked.RevokedBy);
        var response = await api.WithoutWritesAsync(() => editor.PostJsonAsync("/claims", Requests.NewClaim(Requests.Unique())));
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.Detail);
        await (await editor.GetAsync("/claims")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await _admin.PostAsync($"/keys/{created.ApiKey.Id}/revoke", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("ctk_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task UnknownOrMalformedKey_Returns401(string key)
    {
        var response = await api.ClientWithKey(key).GetAsync("/claims");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_AreShownOnceAndListedWithoutTheirSecret()
    {
        var created = await api.CreateKeyAsync(Role.Reader, $"listed {Requests.Unique()}");

        Assert.StartsWith("ctk_", created.Key);
        var listing = await _admin.GetStringAsync("/keys?pageSize=100");
        Assert.Contains(created.ApiKey.Name, listing);
        Assert.DoesNotContain(created.Key[^20..], listing);
        Assert.DoesNotContain("secret", listing, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"name": "", "role": "editor"}""", "name")]
    [InlineData("""{"name": "script", "role": "owner"}""", "$.role")]
    [InlineData("""{"name": "script"}""", "role")]
    public async Task CreateKey_WithABadBody_Returns400NamingTheField(string body, string field)
    {
        var response = await api.WithoutWritesAsync(() => _admin.PostRawAsync("/keys", body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

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
        Assert.Equal($"key:{TestKeyId()}", history.Items[0].ActorId);

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
    public async Task UnknownPath_Returns404NotAKeyProblem()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await api.AnonymousClient().GetAsync("/no-such-thing")).StatusCode);
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

    [Fact]
    public async Task CommandLine_CreatesListsAndRevokesKeys_AndTheAuditNamesIt()
    {
        var name = $"cli key {Requests.Unique()}";
        var output = new StringWriter();

        Assert.Equal(0, await KeyCommands.RunAsync(["create", "--name", name, "--role", "editor", "--quiet"], api.ConnectionString, output, TextWriter.Null));
        var key = output.ToString().Trim();
        var claim = await api.ClientWithKey(key).RecordClaimAsync(Requests.NewClaim(Requests.Unique()));
        Assert.Equal(HttpStatusCode.Created, (await api.ClientWithKey(key).PostJsonAsync("/claims", Requests.NewClaim(Requests.Unique()))).StatusCode);

        var listing = new StringWriter();
        Assert.Equal(0, await KeyCommands.RunAsync(["list"], api.ConnectionString, listing, TextWriter.Null));
        var line = Assert.Single(listing.ToString().Split('\n'), l => l.Contains(name));
        var id = line.Split(' ', 2)[0];
        Assert.Equal(0, await KeyCommands.RunAsync(["revoke", id], api.ConnectionString, TextWriter.Null, TextWriter.Null));

        await (await api.ClientWithKey(key).GetAsync($"/claims/{claim.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var audit = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={id}");
        Assert.Equal(["RevokeApiKey", "CreateApiKey"], audit.Items.Select(e => e.Action));
        Assert.All(audit.Items, e => Assert.StartsWith("cli:", e.ActorId));
        Assert.Equal(2, await KeyCommands.RunAsync(["create", "--name", name, "--role", "owner"], api.ConnectionString, TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task OpenApi_DescribesTheKeyForSwaggerUisAuthorizeButton()
    {
        var document = JsonNode.Parse(await api.AnonymousClient().GetStringAsync("/openapi/v1.json"))!;

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal(("apiKey", "header", "X-Api-Key"), ((string?)scheme["type"], (string?)scheme["in"], (string?)scheme["name"]));
        var recordClaim = document["paths"]!["/claims"]!["post"]!;
        Assert.NotNull(recordClaim["security"]![0]!["ApiKey"]);
        Assert.Contains("editor", (string?)recordClaim["description"]);
        Assert.NotNull(recordClaim["responses"]!["401"]);
        Assert.NotNull(recordClaim["responses"]!["403"]);
    }

    private static string TestKeyId() => ApiKeyToken.TryParseId(TestDatabase.AdminKey, out var id) ? id.ToString() : "";
}

// With reads opened to everyone, as a public deployment (and scripts/run.sh) may configure it.
public sealed class AnonymousReadsApiFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { [$"{AccessOptions.Section}:AnonymousReads"] = "true" };
}

public sealed class AnonymousReadsTests(AnonymousReadsApiFactory api) : IClassFixture<AnonymousReadsApiFactory>
{
    [Fact]
    public async Task EveryOperation_WithoutAKey_ReadsButDoesNotWrite()
    {
        var anonymous = api.AnonymousClient();
        var operations = await DocumentedOperations.ReadAsync(api.CreateClient());

        foreach (var operation in operations)
        {
            var response = await anonymous.SendAsync(operation.Request());
            var status = (int)response.StatusCode;
            if (AccessTests.Needed[operation.Id] == Role.Reader)
                Assert.True(status is not (401 or 403) && status < 500, $"{operation.Id}: {status}");
            else
                Assert.True(status == 401, $"{operation.Id}: {status}");
        }
    }

    [Fact]
    public async Task AReadWithABadKey_IsStillRefused()
    {
        var response = await api.ClientWithKey("ctk_wrong").GetAsync("/claims");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

// The operations of the API's own OpenAPI document, each as a request that is well-formed where the document
// gives an example: a path with made-up ids and the request example as the body.
public sealed record DocumentedOperation(string Id, string Method, string Path, JsonNode? Example, string? ContentType)
{
    public HttpRequestMessage Request()
    {
        var path = System.Text.RegularExpressions.Regex.Replace(Path, "\\{(?<name>[^}]+)\\}", m =>
            m.Groups["name"].Value == "version" ? "1" : Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(Method.ToUpperInvariant()), path);
        if (Method is "post" or "put")
            request.Content = new StringContent(Example?.ToJsonString() ?? "{}", System.Text.Encoding.UTF8, ContentType ?? "application/json");
        return request;
    }
}

public static class DocumentedOperations
{
    public static async Task<List<DocumentedOperation>> ReadAsync(HttpClient client)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        return (from path in document["paths"]!.AsObject()
                from operation in path.Value!.AsObject()
                let content = operation.Value!["requestBody"]?["content"]?.AsObject()
                let json = content?["application/json"]
                select new DocumentedOperation(
                    (string)operation.Value!["operationId"]!, operation.Key, path.Key, json?["example"]?.DeepClone(),
                    json is null ? content?.FirstOrDefault().Key : "application/json"))
            .Where(o => !o.Path.StartsWith("/health", StringComparison.Ordinal))
            .ToList();
    }
}
