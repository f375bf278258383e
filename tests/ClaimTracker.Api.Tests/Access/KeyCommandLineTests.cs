using System.Net;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Migrations;

namespace ClaimTracker.Api.Tests.Access;

// The `keys` command of the migrate tool: an operator's way to create, list and revoke keys without the API.
public sealed class KeyCommandLineTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

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

        // Revoked in another process: the API hears of it from the database's notification (ApiKeyCache).
        await Revocations.RefusedSoonAsync(api.ClientWithKey(key), $"/claims/{claim.Id}");
        var audit = await _admin.GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={id}");
        Assert.Equal(["RevokeApiKey", "CreateApiKey"], audit.Items.Select(e => e.Action));
        Assert.All(audit.Items, e => Assert.StartsWith("cli:", e.ActorId));
        Assert.Equal(2, await KeyCommands.RunAsync(["create", "--name", name, "--role", "owner"], api.ConnectionString, TextWriter.Null, TextWriter.Null));
    }
}
