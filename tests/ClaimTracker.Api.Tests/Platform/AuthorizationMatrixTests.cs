using System.Net;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClaimTracker.Api.Tests.Platform;

// Who may call what: every operation of the OpenAPI document, called by every kind of caller.
public sealed class AuthorizationMatrixTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    // The role each operation needs. Every operation of the OpenAPI document must be listed: a new one without an
    // entry fails the matrix, so nobody adds an endpoint without deciding who may call it.
    public static readonly Dictionary<string, Role> Needed = new()
    {
        ["ListSources"] = Role.Reader, ["GetSource"] = Role.Reader, ["CreateSource"] = Role.Admin, ["UpdateSource"] = Role.Admin,
        ["CreateArticle"] = Role.Editor, ["GetArticle"] = Role.Reader,
        ["ListClaims"] = Role.Reader, ["SearchClaims"] = Role.Reader, ["RecordClaim"] = Role.Editor, ["GetClaim"] = Role.Reader, ["AddReport"] = Role.Editor,
        ["AddEvidence"] = Role.Editor, ["ResolveClaim"] = Role.Editor, ["ReopenClaim"] = Role.Editor, ["SetClaimParties"] = Role.Editor,
        ["FindSimilarClaims"] = Role.Reader, ["GetSimilarClaims"] = Role.Reader, ["MergeClaim"] = Role.Editor,
        ["ListQuestions"] = Role.Reader, ["GetQuestion"] = Role.Reader, ["ExportClaimReviews"] = Role.Reader,
        ["ImportClaimReviews"] = Role.Editor, ["GetRatingCrosswalk"] = Role.Reader, ["PutRatingCrosswalkEntry"] = Role.Editor,
        ["DeleteRatingCrosswalkEntry"] = Role.Editor,
        ["GetLexicon"] = Role.Reader, ["GetLexiconTerm"] = Role.Reader, ["AddLexiconTerm"] = Role.Admin, ["UpdateLexiconTerm"] = Role.Admin,
        ["RetireLexiconTerm"] = Role.Admin, ["ListLexiconVersions"] = Role.Reader, ["GetLexiconVersion"] = Role.Reader,
        ["AnalyseText"] = Role.Reader, ["AnalyseBatch"] = Role.Reader, ["SubmitArticle"] = Role.Editor, ["ProposeClaims"] = Role.Reader,
        ["ImportAssertions"] = Role.Editor, ["GetImport"] = Role.Reader, ["ListImports"] = Role.Reader,
        ["StartScoringRun"] = Role.Admin, ["ListScoringRuns"] = Role.Reader, ["GetScoringRun"] = Role.Reader, ["ExportRunEstimates"] = Role.Reader,
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

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("ctk_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task UnknownOrMalformedKey_Returns401(string key)
    {
        var response = await api.ClientWithKey(key).GetAsync("/claims");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownPath_Returns404NotAKeyProblem()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await api.AnonymousClient().GetAsync("/no-such-thing")).StatusCode);
    }
}
