using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.ClaimReviews.ClaimReviewFeeds;

namespace ClaimTracker.Api.Tests.ClaimReviews;

// The acceptance round trip: the sample story's resolved claims exported as a feed (GET /claimreviews) and imported into
// an empty database give the same claims, claimants and verdicts.
// The empty database is a second fixture: ApiFactory without the sample story.
public sealed class ClaimReviewRoundTripTests(SeededApiFactory seeded, ApiFactory empty)
    : IClassFixture<SeededApiFactory>, IClassFixture<ApiFactory>
{
    private readonly HttpClient _source = seeded.CreateClient();
    private readonly HttpClient _target = empty.CreateClient();

    private sealed record Fact(string Statement, ClaimStatus Status, string? Claimant, DateTimeOffset? TrueUntil);

    private static async Task<Fact> FactOfAsync(HttpClient client, Guid id)
    {
        var claim = await client.GetClaimAsync(id);
        var first = claim.Reports.OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).FirstOrDefault();
        return new Fact(claim.Statement, claim.Status, first?.Chain.OrderBy(l => l.Position).First().Source.Name, claim.TrueUntil);
    }

    private static async Task<JsonObject> ExportAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/claimreviews?pageSize=100");
        request.Headers.Accept.ParseAdd(LdJson);
        var response = await client.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var feed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Null(feed["nextPageToken"]);
        return feed;
    }

    [Fact]
    public async Task ExportOfResolvedSampleClaims_ImportedIntoAnEmptyDatabase_GivesTheSameClaimsClaimantsAndVerdicts()
    {
        var claims = (await _source.GetOkAsync<PagedList<ListClaims.Item>>("/claims?pageSize=100")).Items.OrderBy(c => c.Statement).ToList();
        Assert.True(claims.Count >= 5, "the sample story has at least five claims");
        var resolutions = new[] { "true", "false", "mixed", "unresolvable", "superseded" };
        foreach (var (item, resolution) in claims.Zip(resolutions))
        {
            var body = resolution == "superseded"
                ? (object)new { resolution, reason = "The Kremlin announced it.", version = item.Version, trueUntil = "2023-09-11T12:00:00Z" }
                : new { resolution, reason = $"Resolved as {resolution} for the round trip.", version = item.Version };
            (await _source.PostJsonAsync($"/claims/{item.Id}/resolution", body)).EnsureSuccessStatusCode();
        }
        var expected = new List<Fact>();
        foreach (var item in claims.Take(resolutions.Length)) expected.Add(await FactOfAsync(_source, item.Id));

        var feed = await ExportAsync(_source);
        Assert.Equal(resolutions.Length, feed["dataFeedElement"]!.AsArray().Count);
        var answer = await _target.ImportOkAsync(feed);

        Assert.Equal((resolutions.Length, resolutions.Length, resolutions.Length, 0, 0), (answer.Items, answer.Imported, answer.Created, answer.Unmapped, answer.Failed));
        var imported = new List<Fact>();
        foreach (var result in answer.Results) imported.Add(await FactOfAsync(_target, result.ClaimId));
        Assert.Equal(expected.OrderBy(f => f.Statement), imported.OrderBy(f => f.Statement));

        // The imported claims export again, their resolution's reason naming the review it came from.
        var reexported = (await ExportAsync(_target))["dataFeedElement"]!.AsArray();
        Assert.Equal(resolutions.Length, reexported.Count);
        Assert.All(reexported, e => Assert.Contains("ClaimReview by", (string?)e!["item"]!["reviewRating"]!["ratingExplanation"]));

        var again = await _target.ImportOkAsync(feed);
        Assert.Equal((0, resolutions.Length), (again.Imported, again.Unchanged));
    }
}
