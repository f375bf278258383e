using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Tests.Platform;

// The OpenAPI document: every operation with a summary, every JSON body with an example that matches its schema.
public sealed class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] OperationIds =
    [
        "ListSources", "GetSource", "CreateSource", "UpdateSource", "CreateArticle", "GetArticle", "ListClaims", "SearchClaims", "RecordClaim",
        "GetClaim", "AddReport", "AddEvidence", "ResolveClaim", "ReopenClaim", "SetClaimParties", "FindSimilarClaims", "GetSimilarClaims", "MergeClaim", "ListQuestions", "GetQuestion", "ExportClaimReviews",
        "ImportClaimReviews", "GetRatingCrosswalk", "PutRatingCrosswalkEntry", "DeleteRatingCrosswalkEntry", "GetLexicon", "GetLexiconTerm", "AddLexiconTerm",
        "UpdateLexiconTerm", "RetireLexiconTerm", "ListLexiconVersions", "GetLexiconVersion", "AnalyseText", "AnalyseBatch", "SubmitArticle",
        "ProposeClaims", "ImportAssertions", "GetImport", "ListImports", "StartScoringRun", "ListScoringRuns", "GetScoringRun", "ExportRunEstimates",
        "GetSourceReliability", "GetReliabilityHistory", "GetClaimTruth", "CreateApiKey", "ListApiKeys", "RevokeApiKey", "ListAudit",
    ];

    private static readonly string[] OperationsWithJsonBodies =
        [
            "CreateSource", "UpdateSource", "CreateArticle", "RecordClaim", "AddReport", "AddEvidence", "ResolveClaim", "ReopenClaim", "SetClaimParties",
            "FindSimilarClaims", "MergeClaim", "AddLexiconTerm", "UpdateLexiconTerm", "RetireLexiconTerm", "AnalyseText", "SubmitArticle", "CreateApiKey",
            "PutRatingCrosswalkEntry",
        ];

    private readonly HttpClient _client = api.CreateClient();

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
    public async Task OpenApi_Document_ReadsWithoutErrors()
    {
        var (document, diagnostic) = OpenApiDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"), "json");

        Assert.NotNull(document);
        Assert.Empty(diagnostic?.Errors.Select(e => e.ToString()) ?? []);
    }

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
}
