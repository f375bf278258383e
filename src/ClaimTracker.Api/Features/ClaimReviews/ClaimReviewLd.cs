using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.ClaimReviews;

// The schema.org types ClaimTracker publishes as JSON-LD (https://schema.org/ClaimReview, Claim, Rating, DataFeed), with
// the properties Google's fact-check documentation asks for. Unknown values are left out rather than written as null.
public static class ClaimReviewLd
{
    public const string MediaType = "application/ld+json";
    public const string SchemaOrg = "https://schema.org";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // An organisation or a person: the claim's author, an article's publisher, the review's author.
    public sealed record Agent(
        [property: JsonPropertyName("@type"), JsonPropertyOrder(-1)] string Type,
        string Name,
        string? Url);

    // One article the claim appeared in.
    public sealed record CreativeWork(
        string Url,
        string Headline,
        DateTimeOffset? DatePublished,
        Agent Publisher,
        string? InLanguage)
    {
        [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "CreativeWork";
    }

    // What was claimed, by whom and where. Published on its own (with @context, text and url) for a claim nobody has
    // reviewed yet; inside a review as its itemReviewed.
    public sealed record Claim(
        Agent? Author,
        DateTimeOffset DatePublished,
        IReadOnlyList<CreativeWork> Appearance,
        CreativeWork? FirstAppearance) : IVersioned
    {
        [JsonPropertyName("@context"), JsonPropertyOrder(-2)] public string? Context { get; init; }
        [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "Claim";
        public string? Text { get; init; }
        public string? Url { get; init; }
        [JsonIgnore] public int Version { get; init; }
    }

    // The verdict: on ClaimTracker's 1-5 scale when it has a place on it, else in words only.
    public sealed record Rating(int? RatingValue, int? BestRating, int? WorstRating, string AlternateName, string? RatingExplanation)
    {
        [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "Rating";
    }

    public sealed record Review(
        string Url,
        string ClaimReviewed,
        Claim ItemReviewed,
        Agent Author,
        Rating ReviewRating,
        DateTimeOffset DatePublished,
        string InLanguage) : IVersioned
    {
        [JsonPropertyName("@context"), JsonPropertyOrder(-2)] public string? Context { get; init; }
        [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "ClaimReview";
        [JsonIgnore] public int Version { get; init; }
    }

    public sealed record FeedItem(DateTimeOffset DateModified, Review Item)
    {
        [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "DataFeedItem";
    }

    // One page of the feed; nextPageToken (not a schema.org term) continues it, as Google's Fact Check Tools API does.
    public sealed record Feed(string Name, Agent Author, IReadOnlyList<FeedItem> DataFeedElement, string? NextPageToken)
    {
        [JsonPropertyName("@context"), JsonPropertyOrder(-2)] public string Context => SchemaOrg;
        [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "DataFeed";
    }
}
