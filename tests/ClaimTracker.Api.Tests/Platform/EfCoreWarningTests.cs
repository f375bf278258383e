using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ClaimTracker.Api.Tests.Platform;

// EF Core warns when a query may be slow or wrong: several collections included in one query (a cartesian
// explosion: MultipleCollectionIncludeWarning), a row limit without an ordering (the row taken is arbitrary:
// RowLimitingOperationWithoutOrderByWarning), and the like. An operator reading the service's log should see none of
// them in normal use, so every read of the seeded sample story and every documented operation runs here, and
// whatever EF Core logged at warning level or above is the failure.
public sealed class EfCoreWarningTests(EfCoreWarningTests.Fixture api, ITestOutputHelper output) : IClassFixture<EfCoreWarningTests.Fixture>
{
    public sealed class Fixture : ApiFactory
    {
        protected override bool WithSampleStory => true;

        public ErrorLog EfWarnings { get; } = new(LogLevel.Warning, "Microsoft.EntityFrameworkCore");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(EfWarnings));
        }
    }

    [Fact]
    public async Task ReadsOfTheSampleStoryAndEveryDocumentedOperation_LogNoEfCoreWarning()
    {
        var client = api.CreateClient();
        var claims = JsonNode.Parse(await client.GetStringAsync("/claims?pageSize=100"))!["items"]!.AsArray();
        Assert.NotEmpty(claims);
        var sources = JsonNode.Parse(await client.GetStringAsync("/sources?pageSize=100"))!["items"]!.AsArray();
        Assert.NotEmpty(sources);

        var reads = new List<string> { "/claims?status=unverified", "/claims/search?query=train", "/audit", "/questions", "/lexicon", "/scoring/runs", "/sources?sort=-accuracy" };
        foreach (var claim in claims)
        {
            var id = (string)claim!["id"]!;
            reads.AddRange([$"/claims/{id}", $"/claims/{id}/truth", $"/claims/{id}/similar"]);
        }
        foreach (var source in sources)
        {
            var slug = (string)source!["slug"]!;
            reads.AddRange([$"/sources/{slug}", $"/claims?source={slug}", $"/sources/{slug}/reliability"]);
        }
        foreach (var path in reads)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode}");
        }

        // Every documented operation once, with its example body and made-up ids (most answer 404 or 409; what
        // matters is the queries they run on the way).
        foreach (var operation in await DocumentedOperations.ReadAsync(client))
        {
            using var request = operation.Request();
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{operation.Method} {operation.Path}: {(int)response.StatusCode}");
        }

        foreach (var entry in api.EfWarnings.Entries) output.WriteLine(entry);
        Assert.Empty(api.EfWarnings.Entries);
    }
}
