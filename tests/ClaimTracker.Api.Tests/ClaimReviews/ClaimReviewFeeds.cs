using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.ClaimReviews;

// ClaimReview documents as fact-checkers publish them, written by the tests: one review, a DataFeed, a Fact Check Tools answer.
public static class ClaimReviewFeeds
{
    public const string LdJson = "application/ld+json";

    public static JsonObject Review(
        string claimReviewed, string? rating, string? url, string publisherName = "Example Fact Check", string publisherUrl = "https://factcheck.example.org",
        string? language = "en", string? appearance = null, string? claimant = "A spokesman", string reviewDate = "2023-09-12",
        double? ratingValue = null, double? bestRating = null, double? worstRating = null)
    {
        var reviewRating = new JsonObject { ["@type"] = "Rating" };
        if (rating is not null) reviewRating["alternateName"] = rating;
        if (ratingValue is not null) reviewRating["ratingValue"] = ratingValue;
        if (bestRating is not null) reviewRating["bestRating"] = bestRating;
        if (worstRating is not null) reviewRating["worstRating"] = worstRating;
        var item = new JsonObject { ["@type"] = "Claim", ["datePublished"] = "2023-09-10" };
        if (claimant is not null) item["author"] = new JsonObject { ["@type"] = "Person", ["name"] = claimant };
        if (appearance is not null) item["appearance"] = new JsonArray(new JsonObject { ["@type"] = "CreativeWork", ["url"] = appearance, ["datePublished"] = "2023-09-10" });
        var review = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["claimReviewed"] = claimReviewed,
            ["datePublished"] = reviewDate,
            ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = publisherName, ["url"] = publisherUrl },
            ["itemReviewed"] = item,
            ["reviewRating"] = reviewRating,
        };
        if (url is not null) review["url"] = url;
        if (language is not null) review["inLanguage"] = language;
        return review;
    }

    public static JsonObject DataFeed(IEnumerable<JsonNode> reviews) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "DataFeed",
        ["dataFeedElement"] = new JsonArray(reviews.Select(r => (JsonNode)new JsonObject { ["@type"] = "DataFeedItem", ["item"] = r.DeepClone() }).ToArray()),
    };

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, JsonNode document, string? errors = null) =>
        client.PostRawAsync(errors is null ? "/claimreviews" : $"/claimreviews?errors={errors}", document.ToJsonString(), LdJson);

    public static Task<ImportClaimReviews.Response> ImportOkAsync(this HttpClient client, JsonNode document, string? errors = null) =>
        client.ImportAsync(document, errors).ExpectAsync<ImportClaimReviews.Response>(HttpStatusCode.OK);
}
