using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;

namespace ClaimTracker.Api.Tests.Imports;

public sealed class GetImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

    [Fact]
    public async Task GetImport_Unknown_Returns404()
    {
        var response = await _client.GetAsync($"/imports/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
