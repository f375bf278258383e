using System.Net;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

// What the load writes by itself, set-based, instead of leaving it to triggers and row-by-row checks: a new claim's
// search row, and the import's own partition of assertions.
public sealed class ImportStorageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

    [Fact]
    public async Task ImportedClaim_HasTheSearchRowTheClaimsTriggerWouldBuild()
    {
        var tag = Unique();
        var statement = $"The harbour bridge reopens in “spring” {tag}";
        await _client.PostAsync("/imports", Body(Ndjson(new { source = $"Outlet {tag}", claim = statement, polarity = "affirms" }), "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var claim = await api.ClaimByStatementAsync(_client, statement);

        const string Row = "SELECT language, config, document, tsv::text FROM claim_search WHERE claim_id = @id";
        var imported = Assert.Single(await api.QueryAsync(Row, claim.Id));
        await api.QueryAsync("SELECT 1 FROM refresh_claim_search(ARRAY[@id])", claim.Id);
        var rebuilt = Assert.Single(await api.QueryAsync(Row, claim.Id));
        Assert.Equal(rebuilt, imported);
        Assert.Equal(statement, imported[2]);
    }

    [Fact]
    public async Task ImportedAssertions_AreInTheImportsOwnPartition_AndCascadeWithTheirClaim()
    {
        var tag = Unique();
        var statement = $"The dam holds {tag}";
        var import = await _client.PostAsync("/imports",
                Body(Ndjson(new { source = $"Outlet {tag}", claim = statement, polarity = "affirms" },
                            new { source = $"Other outlet {tag}", claim = statement, polarity = "denies" }), "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var partitions = await api.QueryAsync("""
            SELECT tableoid::regclass::text, count(*) FROM assertions WHERE import_id = @id GROUP BY 1
            """, import.Id);
        Assert.Equal([$"assertions_{import.Id:N}", 2L], Assert.Single(partitions));

        // The partition's foreign keys hold as the table's did: deleting the claim takes its assertions.
        var claim = await api.ClaimByStatementAsync(_client, statement);
        await api.QueryAsync("DELETE FROM claims WHERE id = @id RETURNING id", claim.Id);
        Assert.Empty(await api.QueryAsync("SELECT id FROM assertions WHERE import_id = @id", import.Id));
    }
}
