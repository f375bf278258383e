using ClaimTracker.ClaimReviews;

namespace ClaimTracker.ClaimReviews.Tests;

public class ReaderShapeTests
{
    private const string Review = """
        {
          "@context": "https://schema.org",
          "@type": "ClaimReview",
          "url": "https://factcheck.example.org/2023/09/bridge",
          "claimReviewed": "The bridge was closed for ten years.",
          "datePublished": "2023-09-14",
          "inLanguage": "en",
          "author": {"@type": "Organization", "name": "Example Check", "url": "https://www.factcheck.example.org/"},
          "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Mayor", "url": "https://city.example/mayor"},
            "datePublished": "2023-09-13",
            "appearance": {"@type": "CreativeWork", "url": "https://news.example/interview", "datePublished": "2023-09-13"},
            "firstAppearance": {"@type": "CreativeWork", "url": "https://social.example/post/1"}
          },
          "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"}
        }
        """;

    [Fact]
    public void OneClaimReview_IsReadWithEveryField()
    {
        var document = ClaimReviewReader.Read(Review);

        Assert.Equal(ClaimReviewShape.ClaimReview, document.Shape);
        Assert.True(document.IsValid);
        var item = Assert.Single(document.Reviews);
        Assert.Equal("$", item.Path);
        Assert.Equal("The bridge was closed for ten years.", item.ClaimReviewed);
        Assert.Equal("https://factcheck.example.org/2023/09/bridge", item.ReviewUrl);
        Assert.Equal(new ReviewPublisher("Example Check", "https://www.factcheck.example.org/", "factcheck.example.org"), item.Publisher);
        Assert.Equal(new DateTimeOffset(2023, 9, 14, 0, 0, 0, TimeSpan.Zero), item.ReviewDate);
        Assert.Equal(new DateTimeOffset(2023, 9, 13, 0, 0, 0, TimeSpan.Zero), item.ClaimDate);
        Assert.Equal([new Claimant("A. Mayor", "Person", "https://city.example/mayor")], item.Claimants);
        Assert.Equal(
            [new Appearance("https://social.example/post/1", null, true),
             new Appearance("https://news.example/interview", new DateTimeOffset(2023, 9, 13, 0, 0, 0, TimeSpan.Zero), false)],
            item.Appearances);
        Assert.Equal("False", item.TextualRating);
        Assert.Equal(new NumericRating(1, 5, 1), item.NumericRating);
        Assert.Equal("en", item.ReviewLanguage);
        Assert.Empty(item.Warnings);
    }

    [Fact]
    public void AnArray_YieldsOneItemPerElementWithItsIndex()
    {
        var document = ClaimReviewReader.Read($"[{Review}, {Review.Replace("ten years", "two years")}]");

        Assert.Equal(ClaimReviewShape.Array, document.Shape);
        Assert.Equal(["[0]", "[1]"], document.Reviews.Select(r => r.Path));
        Assert.Equal([0, 1], document.Reviews.Select(r => r.Index));
        Assert.Equal("The bridge was closed for two years.", document.Reviews[1].ClaimReviewed);
    }

    [Fact]
    public void ADataFeed_ReadsItemsGivenAsObjectOrArrayAndBareReviews()
    {
        var feed = $$"""
            {"@context": "http://schema.org", "@type": "DataFeed", "dateModified": "2024-01-01T00:00:00Z",
             "dataFeedElement": [
               {"@type": "DataFeedItem", "dateCreated": "2023-09-14", "item": [{{Review}}, {{Review.Replace("ten", "six")}}]},
               {"@type": "DataFeedItem", "item": {{Review.Replace("ten", "five")}}},
               {{Review.Replace("ten", "four")}}
             ]}
            """;

        var document = ClaimReviewReader.Read(feed);

        Assert.Equal(ClaimReviewShape.DataFeed, document.Shape);
        Assert.True(document.IsValid);
        Assert.Equal(["dataFeedElement[0].item[0]", "dataFeedElement[0].item[1]", "dataFeedElement[1].item", "dataFeedElement[2]"],
            document.Reviews.Select(r => r.Path));
        Assert.Equal(["ten", "six", "five", "four"], document.Reviews.Select(r => r.ClaimReviewed.Split(' ')[^2]));
    }

    [Fact]
    public void AFactCheckToolsResponse_GivesOneItemPerClaimReview()
    {
        const string response = """
            {"claims": [
              {"text": "Vaccines contain microchips.", "claimant": "Social media users", "claimDate": "2021-03-01T00:00:00Z",
               "claimReview": [
                 {"publisher": {"name": "Checker One", "site": "checkerone.example"}, "url": "https://checkerone.example/chips",
                  "title": "No, vaccines do not contain microchips", "reviewDate": "2021-03-05T12:00:00Z",
                  "textualRating": "False", "languageCode": "en"},
                 {"publisher": {"name": "Checker Two", "site": "www.checkertwo.example"}, "url": "https://checkertwo.example/x",
                  "reviewDate": "2021-03-06T00:00:00Z", "textualRating": "Falso", "languageCode": "es"}
               ]},
              {"text": "The sea rose a metre last year.", "claimReview": [
                 {"publisher": {"site": "checkerthree.example"}, "url": "https://checkerthree.example/sea", "textualRating": "Four Pinocchios", "languageCode": "en"}]}
            ], "nextPageToken": "CAE"}
            """;

        var document = ClaimReviewReader.Read(response);

        Assert.Equal(ClaimReviewShape.FactCheckToolsResponse, document.Shape);
        Assert.Equal(["claims[0].claimReview[0]", "claims[0].claimReview[1]", "claims[1].claimReview[0]"], document.Reviews.Select(r => r.Path));
        var first = document.Reviews[0];
        Assert.Equal("Vaccines contain microchips.", first.ClaimReviewed);
        Assert.Equal([new Claimant("Social media users", null, null)], first.Claimants);
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero), first.ClaimDate);
        Assert.Equal(new ReviewPublisher("Checker One", null, "checkerone.example"), first.Publisher);
        Assert.Equal("No, vaccines do not contain microchips", first.Title);
        Assert.Equal("False", first.TextualRating);
        Assert.Null(first.NumericRating);
        Assert.Equal("checkertwo.example", document.Reviews[1].Publisher!.Site);
        Assert.Equal("es", document.Reviews[1].ReviewLanguage);
        Assert.Empty(document.Reviews[2].Claimants);
    }

    [Fact]
    public void AnEmptyFactCheckToolsResponse_HasNoItemsAndNoError()
    {
        var document = ClaimReviewReader.Read("""{"nextPageToken": "CAE"}""");

        Assert.Null(document.DocumentError);
        Assert.Equal(0, document.Items);
    }

    [Fact]
    public void AGraphPage_ReadsItsReviewsSkipsOtherNodesAndResolvesReferences()
    {
        const string page = """
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "@id": "https://checker.example/a#page", "name": "A page"},
              {"@type": "Organization", "@id": "https://checker.example/#org", "name": "Checker", "url": "https://checker.example/"},
              {"@type": ["ClaimReview", "Review"], "@id": "https://checker.example/a#review",
               "claimReviewed": "Tap water is radioactive.", "author": {"@id": "https://checker.example/#org"},
               "itemReviewed": {"@id": "https://checker.example/a#claim"},
               "reviewRating": {"@type": "Rating", "alternateName": "Misleading"}},
              {"@type": "Claim", "@id": "https://checker.example/a#claim", "author": {"@type": "Person", "name": "B. Blogger"},
               "datePublished": "2022-02-02"}
            ]}
            """;

        var document = ClaimReviewReader.Read(page);

        Assert.Equal(ClaimReviewShape.Graph, document.Shape);
        Assert.Empty(document.Errors);
        var item = Assert.Single(document.Reviews);
        Assert.Equal("@graph[2]", item.Path);
        Assert.Equal("Checker", item.Publisher!.Name);
        Assert.Equal("B. Blogger", Assert.Single(item.Claimants).Name);
        Assert.Equal(new DateTimeOffset(2022, 2, 2, 0, 0, 0, TimeSpan.Zero), item.ClaimDate);
        // Without a url property, the review's @id (fragment dropped) is its address.
        Assert.Equal("https://checker.example/a", item.ReviewUrl);
    }

    [Fact]
    public async Task AStream_IsReadLikeText()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"[{Review}]"));

        var document = await ClaimReviewReader.ReadAsync(stream);

        Assert.Equal("The bridge was closed for ten years.", Assert.Single(document.Reviews).ClaimReviewed);
    }
}
