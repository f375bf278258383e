using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Access;

public static class Revocations
{
    // A revocation from outside the instance arrives as a notification, milliseconds after its commit: the key is
    // refused within ten seconds (a cached copy would be served for a minute) and stays refused.
    public static async Task RefusedSoonAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        while ((response = await client.GetAsync(path)).StatusCode != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.Detail);
        await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
