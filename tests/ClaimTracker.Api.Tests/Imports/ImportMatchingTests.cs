using System.Net;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

// Which existing sources, questions and claims an import's lines name, and which it creates.
public sealed class ImportMatchingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

    [Fact]
    public async Task Import_SameFileTwice_AppendsItsAssertionsAndReusesSourcesQuestionsAndClaims()
    {
        var file = ImportFiles.Csv(lines: 50, claims: 10, sources: 3, tag: Unique());

        var first = await _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var second = await _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((50L, 3, 2, 10), (first.LinesLoaded, first.NewSources, first.NewQuestions, first.NewClaims));
        Assert.Equal((50L, 0, 0, 0), (second.LinesLoaded, second.NewSources, second.NewQuestions, second.NewClaims));
        var perImport = await api.QueryAsync("""
            SELECT count(*), count(DISTINCT claim_id), count(DISTINCT source_id) FROM assertions WHERE import_id = ANY (@import) GROUP BY import_id
            """, new[] { first.Id, second.Id });
        Assert.Equal([[50L, 10L, 3L], [50L, 10L, 3L]], perImport);
        Assert.Equal([[10L]], await api.QueryAsync("SELECT count(DISTINCT claim_id) FROM assertions WHERE import_id = ANY (@import)", new[] { first.Id, second.Id }));
    }

    [Fact]
    public async Task Import_SourceNamedBySlugNameOrAlias_IsTheExistingSource()
    {
        var tag = Unique();
        var yonhap = await _client.CreateSourceAsync(Source($"Yonhap News Agency {tag}", "wire_agency", slug: $"yonhap-{tag}", aliases: [$"Yonhap-alias {tag}"]));
        var derived = await _client.CreateSourceAsync(Source($"Korea Herald {tag}"));
        var file = Ndjson(
            new { source = yonhap.Slug, claim = $"By slug {tag}", polarity = "affirms" },
            new { source = $"YONHAP NEWS AGENCY {tag}", claim = $"By name {tag}", polarity = "affirms" },
            new { source = $"yonhap-ALIAS {tag}", claim = $"By alias {tag}", polarity = "affirms" },
            new { source = $"Korea  Herald {tag}!", claim = $"By derived slug {tag}", polarity = "affirms" },
            new { source = $"Société Générale {tag}", claim = $"New {tag}", polarity = "affirms" },
            new { source = $"societe generale {tag}", claim = $"New again {tag}", polarity = "affirms" });

        var import = await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal(1, import.NewSources);
        var sources = await api.QueryAsync("SELECT s.slug FROM assertions a JOIN sources s ON s.id = a.source_id WHERE a.import_id = @import ORDER BY a.line", import.Id);
        Assert.Equal([[yonhap.Slug], [yonhap.Slug], [yonhap.Slug], [derived.Slug], [$"societe-generale-{tag}"], [$"societe-generale-{tag}"]], sources);
        var created = (await _client.GetOkAsync<GetSource.Response>($"/sources/societe-generale-{tag}")).Source;
        Assert.Equal(($"Société Générale {tag}", SourceKind.Other), (created.Name, created.Kind)); // named by its first line
    }

    [Fact]
    public async Task Import_Claims_AreMatchedByStatementWithinTheirQuestion()
    {
        var tag = Unique();
        var recorded = await _client.RecordClaimAsync(NewClaim(tag, statement: $"Kim meets Putin {tag}"));
        var file = Ndjson(
            new { source = $"S {tag}", claim = $"Kim meets Putin {tag}", polarity = "affirms" },
            new { source = $"S {tag}", question = $"where-{tag}", claim = $"Kim meets Putin {tag}", polarity = "affirms" },
            new { source = $"S {tag}", question = $"when-{tag}", claim = $"Kim meets Putin {tag}", polarity = "affirms" },
            new { source = $"S {tag}", question = $"where-{tag}", claim = $"  Kim meets Putin {tag}  ", polarity = "denies" });

        var import = await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((2, 2), (import.NewQuestions, import.NewClaims));
        var claims = await api.QueryAsync("""
            SELECT a.line, a.claim_id = @claim, q.key FROM assertions a JOIN claims c ON c.id = a.claim_id
            LEFT JOIN questions q ON q.id = c.question_id WHERE a.import_id = @import ORDER BY a.line
            """, recorded.Id, import.Id);
        Assert.Equal([[1L, true, null], [2L, false, $"where-{tag}"], [3L, false, $"when-{tag}"], [4L, false, $"where-{tag}"]], claims);
        Assert.Equal([[1L]], await api.QueryAsync("SELECT count(DISTINCT claim_id) FROM assertions WHERE import_id = @import AND line IN (2, 4)", import.Id));
    }

    [Fact]
    public async Task Import_TwoFilesAtOnce_CreateEachNewClaimOnce()
    {
        var file = ImportFiles.Csv(lines: 2_000, claims: 401, sources: 20, tag: Unique());

        var imports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created)));

        Assert.Equal((401, 20), (imports.Sum(i => i.NewClaims), imports.Sum(i => i.NewSources)));
        Assert.Equal([[4_000L, 401L]], await api.QueryAsync(
            "SELECT count(*), count(DISTINCT claim_id) FROM assertions WHERE import_id = ANY (@import)", imports.Select(i => i.Id).ToArray()));
    }

    // One definition of "the same statement" for both paths: the import finds a claim POST /claims recorded, and
    // POST /claims finds one the import created, ignoring case, spacing, quote marks and a final full stop.
    [Fact]
    public async Task Import_Claims_AreMatchedByStatementKeyAsPostClaimsMatchesThem()
    {
        var tag = Unique();
        var recorded = await _client.RecordClaimAsync(NewClaim(tag, statement: $"Kim meets 'Putin' {tag}."));
        var file = Ndjson(
            new { source = $"S {tag}", claim = $"KIM  meets ‘Putin’ {tag}", polarity = "affirms" },
            new { source = $"S {tag}", question = $"where-{tag}", claim = $"Kim meets 'Putin' in Vostochny {tag}", polarity = "affirms" },
            new { source = $"T {tag}", question = $"where-{tag}", claim = $"kim meets 'putin' in vostochny {tag}.", polarity = "affirms" });

        var import = await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal(1, import.NewClaims);
        var claims = await api.QueryAsync("SELECT a.line, a.claim_id FROM assertions a WHERE a.import_id = @import ORDER BY a.line", import.Id);
        Assert.Equal(recorded.Id, claims[0][1]);
        Assert.Equal(claims[1][1], claims[2][1]);
        var again = await _client.PostJsonAsync("/claims", new
        {
            statement = $"Kim meets ‘Putin’ in Vostochny {tag}", question = $"where-{tag}",
            report = Report(Article($"https://news.test/{tag}/again", Inline($"Outlet {tag}", "outlet")), [Link(Inline($"Official {tag}", "official"))]),
        });
        await again.AssertStatusAsync(HttpStatusCode.Conflict);
        Assert.Equal(claims[1][1]!.ToString(), System.Text.Json.Nodes.JsonNode.Parse(await again.Content.ReadAsStringAsync())!["existingId"]!.GetValue<string>());
    }
}
