using System.Net;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ClaimTracker.Api.Tests.Platform;

public class SmallRateLimitApiFactory : ApiFactory
{
    public const int PerKey = 5;

    protected virtual int PerAddress => 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"{RateLimitOptions.Section}:PerKeyPerMinute", PerKey.ToString());
        builder.UseSetting($"{RateLimitOptions.Section}:PerAddressPerMinute", PerAddress.ToString());
    }
}

public sealed class SmallAddressLimitApiFactory : SmallRateLimitApiFactory
{
    protected override int PerAddress => 20;
}

public sealed class RateLimitTests(SmallRateLimitApiFactory api) : IClassFixture<SmallRateLimitApiFactory>
{
    [Fact]
    public async Task AKeyOverItsLimit_Gets429WithRetryAfter_WhileAnotherKeyIsServed()
    {
        var busy = await api.ClientAsync(Role.Reader);
        var calm = await api.ClientAsync(Role.Reader);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < SmallRateLimitApiFactory.PerKey * 3 && refused is null; i++)
        {
            var response = await busy.GetAsync("/sources");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }

        Assert.NotNull(refused);
        Assert.True(statuses.Count > SmallRateLimitApiFactory.PerKey / 2, $"refused after {statuses.Count} requests");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await (await calm.GetAsync("/sources")).AssertStatusAsync(HttpStatusCode.OK);
        await (await busy.GetAsync("/health/live")).AssertStatusAsync(HttpStatusCode.OK);
    }


    [Fact]
    public async Task SomeoneWhoKnowsOnlyAKeysId_CannotSpendItsAllowance()
    {
        var created = await api.CreateKeyAsync(Role.Reader);
        var forged = api.ClientWithKey($"ctk_{created.ApiKey.Id:N}_{new string('A', 43)}");

        for (var i = 0; i < SmallRateLimitApiFactory.PerKey * 2; i++)
            await (await forged.GetAsync("/sources")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        await (await api.ClientWithKey(created.Key).GetAsync("/sources")).AssertStatusAsync(HttpStatusCode.OK);
    }
}

public sealed class AddressRateLimitTests(SmallAddressLimitApiFactory api) : IClassFixture<SmallAddressLimitApiFactory>
{
    [Fact]
    public async Task AnAddressCyclingThroughMadeUpKeys_IsLimitedToo()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
            statuses.Add((await api.ClientWithKey($"ctk_{Guid.NewGuid():N}_{new string('A', 43)}").GetAsync("/sources")).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
    }
}
