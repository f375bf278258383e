using System.Net;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Platform;

// With reads opened to everyone, as a public deployment (and scripts/run.sh) may configure it.
public sealed class AnonymousReadsApiFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { [$"{AccessOptions.Section}:AnonymousReads"] = "true" };
}

public sealed class AnonymousReadsTests(AnonymousReadsApiFactory api) : IClassFixture<AnonymousReadsApiFactory>
{
    [Fact]
    public async Task EveryOperation_WithoutAKey_ReadsButDoesNotWrite()
    {
        var anonymous = api.AnonymousClient();
        var operations = await DocumentedOperations.ReadAsync(api.CreateClient());

        foreach (var operation in operations)
        {
            var response = await anonymous.SendAsync(operation.Request());
            var status = (int)response.StatusCode;
            if (AuthorizationMatrixTests.Needed[operation.Id] == Role.Reader)
                Assert.True(status is not (401 or 403) && status < 500, $"{operation.Id}: {status}");
            else
                Assert.True(status == 401, $"{operation.Id}: {status}");
        }
    }

    [Fact]
    public async Task AReadWithABadKey_IsStillRefused()
    {
        var response = await api.ClientWithKey("ctk_wrong").GetAsync("/claims");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
