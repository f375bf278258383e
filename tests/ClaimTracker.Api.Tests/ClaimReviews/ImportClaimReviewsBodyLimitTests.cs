using System.Net;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.ClaimReviews;

public sealed class SmallClaimReviewLimitApiFactory : ApiFactory
{
    public const int Limit = 3000;
    public const int MaxItems = 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{ClaimReviewImportOptions.Section}:MaxBodyBytes"] = Limit.ToString(),
        [$"{ClaimReviewImportOptions.Section}:MaxItems"] = MaxItems.ToString(),
    };
}

public sealed class ImportClaimReviewsBodyLimitTests(SmallClaimReviewLimitApiFactory api) : IClassFixture<SmallClaimReviewLimitApiFactory>
{
    [Fact]
    public async Task Import_LargerThanItsLimit_Is413BeforeReadingAndWritesNothing()
    {
        var feed = ClaimReviewFeeds.DataFeed(Enumerable.Range(0, 30).Select(i =>
            ClaimReviewFeeds.Review($"Claim {i} {Requests.Unique()}", "False", $"https://factcheck.example.org/{Requests.Unique()}")));
        Assert.True(feed.ToJsonString().Length > SmallClaimReviewLimitApiFactory.Limit);

        var response = await api.WithoutWritesAsync(() => api.CreateClient().ImportAsync(feed));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Import_OfMoreReviewsThanOneRequestTakes_Is413NamingTheLimitAndWritesNothing()
    {
        var feed = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(0, SmallClaimReviewLimitApiFactory.MaxItems + 1)
            .Select(i => (System.Text.Json.Nodes.JsonNode)ClaimReviewFeeds.Review($"C{i} {Requests.Unique()}", "False", null, claimant: null)).ToArray());
        Assert.True(feed.ToJsonString().Length < SmallClaimReviewLimitApiFactory.Limit);

        var response = await api.WithoutWritesAsync(() => api.CreateClient().ImportAsync(feed));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MaxItems", problem.Detail);
    }
}
