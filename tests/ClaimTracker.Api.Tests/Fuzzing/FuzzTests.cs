using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Analysis;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Xunit.Abstractions;

namespace ClaimTracker.Api.Tests.Fuzzing;

// Fuzzing driven by the API's own OpenAPI document: for every operation it lists, CsCheck generates requests from the
// documented example and from the schema, valid and then mutated: wrong types, missing and unknown fields, huge values
// and deep nesting, unicode and control characters, SQL and JSON injection, broken JSON, odd content types and headers,
// bad path ids and query values. Whatever arrives, the API must answer: never a 5xx, every 4xx as problem+json with its
// status and title, and a refused request writes nothing.
//   CLAIMTRACKER_FUZZ_ITERATIONS=1000 requests per operation for a longer run (default 100: about 35 s on two cores);
//   CsCheck_Seed=<the seed a failure prints> to send the failing request first again.
public sealed class FuzzTests(SeededApiFactory api, ITestOutputHelper output) : IClassFixture<SeededApiFactory>
{
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("CLAIMTRACKER_FUZZ_ITERATIONS"), out var iterations) && iterations > 0 ? iterations : 100;

    [Fact]
    public async Task EveryOperation_UnderGeneratedInput_NeverFailsAndRefusesCleanly()
    {
        var client = api.CreateClient();
        var operations = await OperationsAsync(client);
        Assert.True(operations.Count > 30, $"only {operations.Count} operations in the OpenAPI document");
        var target = new FuzzTarget(api, client);
        var ids = await ArrangeAsync(client, target, operations);

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var tally = new Tally();
            var watch = Stopwatch.StartNew();
            try
            {
                await FuzzRequests.For(operation, ids).SampleAsync(request => target.SendAndCheckAsync(request, tally),
                    iter: Iterations, threads: 1, print: request => request.ToString());
            }
            catch (Exception failure)
            {
                // CsCheck's message has the seed and the smallest failing request; the inner exception says what was wrong.
                failures.Add($"{operation}: {failure.Message}\n  {failure.InnerException?.Message}");
            }
            // Writes are checked one by one; reads once per operation: none of them, accepted or not, may write.
            if (await target.TablesChangedSinceLastCheckAsync() is { Count: > 0 } written)
                failures.Add($"{operation}: its reads wrote to {string.Join(", ", written)}");
            target.Total.Add(tally);
            output.WriteLine($"{operation,-52} {tally} ({watch.Elapsed.TotalSeconds:0.0} s)");
        }

        var summary = $"fuzz: operations={operations.Count} requests={target.Total.Requests} rejected={target.Total.Rejected} accepted={target.Total.Accepted}";
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("CLAIMTRACKER_GUARANTEES_FILE") is { Length: > 0 } guarantees)
            await File.AppendAllTextAsync(guarantees, summary + Environment.NewLine);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task<List<FuzzOperation>> OperationsAsync(HttpClient client)
    {
        var (document, diagnostic) = OpenApiDocument.Parse(await client.GetStringAsync(OpenApi.DocumentPath), "json");
        Assert.NotNull(document);
        Assert.True(diagnostic?.Errors is not { Count: > 0 },
            $"the OpenAPI document did not parse: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
        return (from path in document.Paths
                from operation in path.Value.Operations ?? []
                select new FuzzOperation(operation.Key.Method, path.Key, operation.Value)).ToList();
    }

    // Something behind every kind of id in a path besides the sample story's claims, sources and lexicon: a finished
    // scoring run, an import, and an article with a body, from the documented examples of their operations.
    private async Task<KnownIds> ArrangeAsync(HttpClient client, FuzzTarget target, IReadOnlyList<FuzzOperation> operations)
    {
        JsonNode Example(string path, string mediaType) =>
            operations.Single(o => o.Method == "POST" && o.Path == path).Definition.RequestBody!.Content![mediaType].Example!.DeepClone();

        var run = await ScoringCalls.RunAsync(client);
        var import = await client.PostAsync("/imports", new StringContent(
                Example("/imports", "application/x-ndjson").GetValue<string>(), Encoding.UTF8, "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var article = Example("/articles/proposals", "application/json");
        article["url"] = $"https://fuzz.test/{Requests.Unique()}"; // the example's own URL is the sample story's, stored without a body
        var proposals = await client.PostJsonAsync("/articles/proposals", article).ExpectAsync<ArticleProposals>(HttpStatusCode.Created);
        // A key of its own to revoke: revoking the test administrator's would refuse every request after it.
        var key = await api.CreateKeyAsync(ClaimTracker.Api.Features.Access.Role.Reader, "fuzz: to revoke");
        await target.WaitForScoringAsync();
        await target.TablesChangedSinceLastCheckAsync();

        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        var yonhap = await db.Sources.SingleAsync(s => s.Slug == "yonhap");
        return new KnownIds(
            await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
            proposals.Article.Id,
            yonhap.Id,
            yonhap.Slug,
            await db.LexiconTerms.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(),
            await db.LexiconVersions.MaxAsync(v => v.Version),
            import.Id,
            run.Id,
            key.ApiKey.Id,
            await db.RatingCrosswalk.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
    }
}

internal sealed record FuzzOperation(string Method, string Path, OpenApiOperation Definition)
{
    public override string ToString() => $"{Method} {Path}";
}

internal sealed record KnownIds(
    Guid Claim, Guid Article, Guid Source, string SourceSlug, Guid Term, int LexiconVersion, Guid Import, Guid Run, Guid Key,
    Guid CrosswalkEntry)
{
    public IReadOnlyList<string> For(string template, IOpenApiParameter parameter) => (parameter.Name, parameter.Schema?.Format) switch
    {
        ("idOrSlug", not "uuid") => [SourceSlug, Source.ToString()],
        ("version", _) => [LexiconVersion.ToString(), "1"],
        _ when template.StartsWith("/claimreviews") => [CrosswalkEntry.ToString()],
        _ when template.StartsWith("/claims") => [Claim.ToString()],
        _ when template.StartsWith("/articles") => [Article.ToString()],
        _ when template.StartsWith("/sources") => [Source.ToString()],
        _ when template.StartsWith("/lexicon") => [Term.ToString()],
        _ when template.StartsWith("/imports") => [Import.ToString()],
        _ when template.StartsWith("/scoring") => [Run.ToString()],
        _ when template.StartsWith("/keys") => [Key.ToString()],
        _ when template.StartsWith("/questions") => ["kim-putin-place"], // the documented import example's question
        _ => throw new InvalidOperationException($"no known value for {{{parameter.Name}}} in {template}: add one to KnownIds"),
    };
}
