using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Tests;

// What every deployment and every newcomer relies on: health probes, the OpenAPI document, Swagger UI, the lexicon.
public sealed class PlatformTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] OperationIds =
    [
        "ListSources", "GetSource", "CreateSource", "UpdateSource", "CreateArticle", "GetArticle", "ListClaims", "RecordClaim",
        "GetClaim", "AddReport", "AddEvidence", "ResolveClaim", "ReopenClaim", "GetLexicon", "GetLexiconTerm", "AddLexiconTerm",
        "UpdateLexiconTerm", "RetireLexiconTerm", "ListLexiconVersions", "GetLexiconVersion", "AnalyseText", "SubmitArticle",
        "ProposeClaims", "ImportAssertions", "GetImport", "ListImports", "StartScoringRun", "ListScoringRuns", "GetScoringRun",
        "GetSourceReliability", "GetReliabilityHistory", "GetClaimTruth", "CreateApiKey", "ListApiKeys", "RevokeApiKey", "ListAudit",
    ];

    private static readonly string[] OperationsWithJsonBodies =
        [
            "CreateSource", "UpdateSource", "CreateArticle", "RecordClaim", "AddReport", "AddEvidence", "ResolveClaim", "ReopenClaim",
            "AddLexiconTerm", "UpdateLexiconTerm", "RetireLexiconTerm", "AnalyseText", "SubmitArticle", "CreateApiKey",
        ];

    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithTheDatabaseUp_IsHealthy(string path)
    {
        var response = await _client.GetAsync(path);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("healthy", (string?)health["status"]);
    }

    [Fact]
    public async Task HealthReady_ChecksTheDatabase()
    {
        var health = JsonNode.Parse(await _client.GetStringAsync("/health/ready"))!;

        Assert.Equal("healthy", (string?)health["checks"]?["database"]);
    }

    [Fact]
    public async Task OpenApi_ListsEveryOperationWithASummary()
    {
        var operations = Operations(await OpenApiAsync()).ToList();

        Assert.Equal(OperationIds.Order(), operations.Select(o => o.Id).Order());
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace((string?)o.Node["summary"]), $"{o.Id} has no summary"));
    }

    [Fact]
    public async Task OpenApi_GivesEveryJsonRequestBodyAnExample()
    {
        var operations = Operations(await OpenApiAsync()).ToList();

        var bodies = operations
            .Select(o => (o.Id, o.Method, Json: o.Node["requestBody"]?["content"]?["application/json"]))
            .Where(o => o.Json is not null)
            .ToList();

        Assert.Equal(OperationsWithJsonBodies.Order(), bodies.Select(b => b.Id).Order());
        Assert.All(bodies, b => Assert.True(b.Method is "post" or "put", $"{b.Id} takes a body on {b.Method}"));
        Assert.All(bodies, b => Assert.True(b.Json!["example"] is JsonObject { Count: > 0 }, $"{b.Id} has no request example"));
    }

    [Theory]
    [InlineData("ClaimStatus", "partly_confirmed")]
    [InlineData("SourceKind", "wire_agency")]
    [InlineData("Stance", "partly_confirms")]
    [InlineData("ChainRole", "publisher")]
    [InlineData("CueCategory", "evidential")]
    public async Task OpenApi_DescribesEnumsAsTheirSnakeCaseNames(string schema, string value)
    {
        var document = await OpenApiAsync();

        var enumSchema = document["components"]?["schemas"]?[schema];
        var values = enumSchema?["enum"]?.AsArray();

        Assert.NotNull(values);
        Assert.Equal("string", (string?)enumSchema!["type"]);
        Assert.All(values, v => Assert.Equal(System.Text.Json.JsonValueKind.String, v!.GetValueKind()));
        Assert.Contains(value, values.Select(v => (string?)v));
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await _client.GetAsync("/swagger/index.html");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ClaimTracker API", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Lexicon_MarksTheTermEachPhraseTakesItsProbabilityFrom()
    {
        var lexicon = await _client.GetOkAsync<GetLexicon.Response>("/lexicon");

        Assert.Equal(HedgeMatcher.ScalePrecedence, lexicon.ScalePrecedence);
        var appears = Assert.Single(lexicon.Terms, t => t.Phrase == "appears");
        Assert.Equal(("claimtracker", CueCategory.Evidential, 0.7, true), (appears.Scale, appears.Category, appears.Probability, appears.Preferred));
        var likely = lexicon.Terms.Where(t => t.Phrase == "likely").ToList();
        Assert.Equal(["probly-perceptions"], likely.Where(t => t.Preferred).Select(t => t.Scale));
        Assert.Equal(["icd-203", "phia"], likely.Where(t => !t.Preferred).Select(t => t.Scale).Order());
    }

    [Theory]
    [InlineData("category=attribution", "according to")]
    [InlineData("scale=phia", "realistic possibility")]
    [InlineData("category=estimative&scale=kent-1964", "chances about even")]
    [InlineData("phrase=LIKELY", "highly likely")]
    public async Task Lexicon_Filtered_ReturnsOnlyMatchingTerms(string query, string includes)
    {
        var all = await _client.GetOkAsync<GetLexicon.Response>("/lexicon");

        var filtered = await _client.GetOkAsync<GetLexicon.Response>($"/lexicon?{query}");

        var filters = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var expected = all.Terms.Where(t =>
            (!filters.TryGetValue("category", out var category) || t.Category.ToString().Equals(category, StringComparison.OrdinalIgnoreCase))
            && (!filters.TryGetValue("scale", out var scale) || t.Scale == scale)
            && (!filters.TryGetValue("phrase", out var phrase) || t.Phrase.Contains(phrase, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(expected.Select(t => t.Id).Order(), filtered.Terms.Select(t => t.Id).Order());
        Assert.Contains(includes, filtered.Terms.Select(t => t.Phrase));
        Assert.True(filtered.Terms.Count < all.Terms.Count);
    }

    [Theory]
    [InlineData("scale=ICD%20203", "scale")]
    [InlineData("language=English!", "language")]
    [InlineData("includeRetired=maybe", "includeRetired")]
    [InlineData("category=hedge", "category")]
    public async Task Lexicon_WithAnInvalidFilter_Returns400NamingIt(string query, string errorKey)
    {
        var response = await _client.GetAsync($"/lexicon?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await _client.GetAsync("/kim-jong-un/train");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/kim-jong-un/train", "application/xml", HttpStatusCode.NotFound)]
    [InlineData("/lexicon?includeRetired=maybe", "text/html", HttpStatusCode.BadRequest)]
    public async Task Problem_ForAClientThatAcceptsNoJson_IsStillProblemJson(string url, string accept, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);

        var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(status);
    }

    [Fact]
    public async Task OpenApi_Document_ReadsWithoutErrors()
    {
        var (document, diagnostic) = OpenApiDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"), "json");

        Assert.NotNull(document);
        Assert.Empty(diagnostic?.Errors.Select(e => e.ToString()) ?? []);
    }

    private async Task<JsonNode> OpenApiAsync()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<(string Id, string Method, JsonNode Node)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select ((string?)operation.Value!["operationId"] ?? $"{operation.Key} {path.Key}", operation.Key, operation.Value!);

    [Fact]
    public async Task OpenApi_RequestSchemas_DescribeEachOperationsOwnBody()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;

        var mismatches =
            from path in document["paths"]!.AsObject()
            from operation in path.Value!.AsObject()
            let json = operation.Value!["requestBody"]?["content"]?["application/json"]
            where json is not null
            let schema = schemas[((string)json["schema"]!["$ref"]!).Split('/')[^1]]!
            let properties = schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet()
            let missing = json["example"]!.AsObject().Select(p => p.Key).Where(k => !properties.Contains(k)).ToList()
            where missing.Count > 0
            select $"{operation.Value!["operationId"]}: example has {string.Join(", ", missing)}, not in its schema";

        Assert.Empty(mismatches);
    }
}
