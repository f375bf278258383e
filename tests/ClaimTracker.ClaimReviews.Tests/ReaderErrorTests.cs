using ClaimTracker.ClaimReviews;

namespace ClaimTracker.ClaimReviews.Tests;

public class ReaderErrorTests
{
    [Fact]
    public void AReviewWithoutClaimReviewed_IsAnErrorAtItsPathWhileTheOthersAreRead()
    {
        const string feed = """
            {"@type": "DataFeed", "dataFeedElement": [
              {"item": [{"@type": "ClaimReview", "claimReviewed": "A."}]},
              {"item": [{"@type": "ClaimReview", "claimReviewed": "B."}]},
              {"item": [{"@type": "ClaimReview", "claimReviewed": "C."}]},
              {"item": [{"@type": "ClaimReview", "claimReviewed": "D."}, {"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}]}
            ]}
            """;

        var document = ClaimReviewReader.Read(feed);

        Assert.Equal(["A.", "B.", "C.", "D."], document.Reviews.Select(r => r.ClaimReviewed));
        var error = Assert.Single(document.Errors);
        Assert.Equal(new ClaimReviewItemError(4, "dataFeedElement[3].item[1]", "claimReviewed missing"), error);
        Assert.Equal(5, document.Items);
    }

    [Fact]
    public void BestRatingBelowWorstRating_IsAnError()
    {
        var document = ClaimReviewReader.Read("""
            [{"@type": "ClaimReview", "claimReviewed": "A.", "reviewRating": {"ratingValue": 2, "bestRating": "1", "worstRating": 5}}]
            """);

        Assert.Empty(document.Reviews);
        var error = Assert.Single(document.Errors);
        Assert.Equal("[0]", error.Path);
        Assert.Equal("bestRating 1 is below worstRating 5", error.Reason);
    }

    [Fact]
    public void AFactCheckClaimWithoutText_IsAnErrorForEachOfItsReviews()
    {
        var document = ClaimReviewReader.Read("""
            {"claims": [{"claimant": "X", "claimReview": [{"url": "https://c.example/1"}, {"url": "https://c.example/2"}]},
                        {"text": "Fine.", "claimReview": [{"url": "https://c.example/3"}]}]}
            """);

        Assert.Equal(["claims[0].claimReview[0]", "claims[0].claimReview[1]"], document.Errors.Select(e => e.Path));
        Assert.All(document.Errors, e => Assert.StartsWith("claimReviewed missing", e.Reason));
        Assert.Equal("claims[1].claimReview[0]", Assert.Single(document.Reviews).Path);
    }

    [Fact]
    public void NonReviewsInAFeedOrArray_AreErrorsNamingWhatTheyAre()
    {
        var document = ClaimReviewReader.Read("""
            [{"@type": "Article", "headline": "Not a review"}, 42,
             {"@type": "DataFeed", "dataFeedElement": [{"item": {"@type": "NewsArticle"}}]}]
            """);

        Assert.Equal(
            [new ClaimReviewItemError(0, "[0]", "not a ClaimReview: @type Article"),
             new ClaimReviewItemError(1, "[1]", "not a ClaimReview: a JSON number"),
             new ClaimReviewItemError(2, "[2].dataFeedElement[0].item", "not a ClaimReview: @type NewsArticle")],
            document.Errors);
    }

    [Fact]
    public void MalformedJson_IsOneDocumentErrorWithLineAndPosition()
    {
        var document = ClaimReviewReader.Read("{\n  \"@type\": \"ClaimReview\",\n  \"claimReviewed\": \"A.\"\n  \"url\": \"x\"\n}");

        Assert.Empty(document.Reviews);
        Assert.Empty(document.Errors);
        Assert.NotNull(document.DocumentError);
        Assert.Equal(4, document.DocumentError!.Line);
        Assert.Equal(3, document.DocumentError.Position);
        Assert.StartsWith("malformed JSON", document.DocumentError.Reason);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"a string\"")]
    [InlineData("{\"@type\": \"Article\"}")]
    public void ADocumentOfNoKnownShape_IsADocumentError(string json)
    {
        var document = ClaimReviewReader.Read(json);

        Assert.NotNull(document.DocumentError);
        Assert.Null(document.DocumentError!.Line);
    }
}
