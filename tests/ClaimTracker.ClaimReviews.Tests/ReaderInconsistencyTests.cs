using ClaimTracker.ClaimReviews;

namespace ClaimTracker.ClaimReviews.Tests;

// What real feeds do that the schema.org examples do not.
public class ReaderInconsistencyTests
{
    private static ClaimReviewItem ReadOne(string json)
    {
        var document = ClaimReviewReader.Read(json);
        Assert.Null(document.DocumentError);
        Assert.Empty(document.Errors);
        return Assert.Single(document.Reviews);
    }

    [Theory]
    [InlineData("\"ClaimReview\"")]
    [InlineData("[\"ClaimReview\", \"Review\"]")]
    [InlineData("\"http://schema.org/ClaimReview\"")]
    [InlineData("\"https://schema.org/ClaimReview\"")]
    [InlineData("\"schema:ClaimReview\"")]
    public void TypeSpellings_AllNameAClaimReview(string type)
    {
        // Inside a feed a non-review is an error, so the type must be recognised for the item to be read.
        var document = ClaimReviewReader.Read(
            $$$"""{"@type": "DataFeed", "dataFeedElement": [{"item": {"@type": {{{type}}}, "claimReviewed": "X rose."}}]}""");

        Assert.Equal("X rose.", Assert.Single(document.Reviews).ClaimReviewed);
    }

    [Fact]
    public void FullIriAndPrefixedPropertyNames_AreRead()
    {
        var item = ReadOne("""
            {"@type": "http://schema.org/ClaimReview", "http://schema.org/claimReviewed": "Y fell.",
             "schema:reviewRating": {"https://schema.org/alternateName": "Mostly True"}, "schema:url": "https://c.example/y"}
            """);

        Assert.Equal("Y fell.", item.ClaimReviewed);
        Assert.Equal("Mostly True", item.TextualRating);
        Assert.Equal("https://c.example/y", item.ReviewUrl);
    }

    [Theory]
    [InlineData("2023-09-13", "2023-09-13T00:00:00Z")]
    [InlineData("2023-09-13T10:30:00", "2023-09-13T10:30:00Z")]
    [InlineData("2023-09-13T10:30:00Z", "2023-09-13T10:30:00Z")]
    [InlineData("2023-09-13T12:30:00+02:00", "2023-09-13T10:30:00Z")]
    [InlineData("2023-09-13 10:30:00", "2023-09-13T10:30:00Z")]
    [InlineData("September 13, 2023", "2023-09-13T00:00:00Z")]
    public void Dates_WithOrWithoutTimeOrZone_BecomeUtcInstants(string written, string expected)
    {
        var item = ReadOne($$"""{"@type": "ClaimReview", "claimReviewed": "Z.", "datePublished": "{{written}}"}""");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), item.ReviewDate);
        Assert.Equal(TimeSpan.Zero, item.ReviewDate!.Value.Offset);
    }

    [Theory]
    [InlineData("03/04/2023")]
    [InlineData("yesterday")]
    public void AmbiguousOrUnreadableDates_AreDroppedWithAWarning(string written)
    {
        var item = ReadOne($$"""{"@type": "ClaimReview", "claimReviewed": "Z.", "datePublished": "{{written}}"}""");

        Assert.Null(item.ReviewDate);
        Assert.Contains(item.Warnings, w => w.Contains(written));
    }

    [Theory]
    [InlineData("\"A. Person\"", "A. Person", null)]
    [InlineData("{\"@type\": \"Person\", \"name\": \"A. Person\"}", "A. Person", "Person")]
    [InlineData("[{\"@type\": \"Organization\", \"name\": \"A. Person\"}]", "A. Person", "Organization")]
    public void ClaimAuthor_AsStringObjectOrArray_IsTheClaimant(string author, string name, string? type)
    {
        var item = ReadOne($$$"""{"@type": "ClaimReview", "claimReviewed": "Z.", "itemReviewed": {"@type": "Claim", "author": {{{author}}}}}""");

        var claimant = Assert.Single(item.Claimants);
        Assert.Equal(name, claimant.Name);
        Assert.Equal(type, claimant.Type);
    }

    [Fact]
    public void SeveralClaimAuthors_AreAllKept()
    {
        var item = ReadOne("""
            {"@type": "ClaimReview", "claimReviewed": "Z.",
             "itemReviewed": {"author": [{"@type": "Person", "name": "One"}, "Two", {"@type": "Person", "name": "One"}]}}
            """);

        Assert.Equal(["One", "Two"], item.Claimants.Select(c => c.Name));
    }

    [Fact]
    public void Appearances_AsStringsObjectsOrArrays_AreUrlsWithDatesAndTheFirstMarked()
    {
        var item = ReadOne("""
            {"@type": "ClaimReview", "claimReviewed": "Z.",
             "itemReviewed": {"appearance": ["https://a.example/1", {"url": "https://a.example/2", "datePublished": "2020-01-02"},
                                             {"name": "no url here"}],
                              "firstAppearance": "https://a.example/1"}}
            """);

        Assert.Equal(
            [new Appearance("https://a.example/1", null, true),
             new Appearance("https://a.example/2", new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), false)],
            item.Appearances);
        Assert.Contains(item.Warnings, w => w.Contains("without a URL"));
    }

    [Fact]
    public void RatingsWrittenAsStrings_AreNumbers()
    {
        var item = ReadOne("""
            {"@type": "ClaimReview", "claimReviewed": "Z.",
             "reviewRating": {"ratingValue": "4", "bestRating": "5", "worstRating": "1", "alternateName": "Mostly true"}}
            """);

        Assert.Equal(new NumericRating(4, 5, 1), item.NumericRating);
    }

    [Fact]
    public void ANonNumericRatingValue_IsDroppedWithAWarning()
    {
        var item = ReadOne("""{"@type": "ClaimReview", "claimReviewed": "Z.", "reviewRating": {"ratingValue": "n/a", "alternateName": "False"}}""");

        Assert.Null(item.NumericRating);
        Assert.Equal("False", item.TextualRating);
        Assert.Contains(item.Warnings, w => w.Contains("ratingValue"));
    }

    [Fact]
    public void MissingFields_AreEmptyWithWarningsNotErrors()
    {
        var item = ReadOne("""{"claimReviewed": "Only the claim."}""");

        Assert.Null(item.ReviewUrl);
        Assert.Null(item.Publisher);
        Assert.Null(item.TextualRating);
        Assert.Empty(item.Claimants);
        Assert.Contains(item.Warnings, w => w.StartsWith("url missing"));
        Assert.Contains(item.Warnings, w => w.StartsWith("reviewRating missing"));
    }

    [Fact]
    public void WithoutAnAuthor_ThePublisherIsTheReviewsSite()
    {
        var item = ReadOne("""{"claimReviewed": "Z.", "url": "https://www.checker.example/z"}""");

        Assert.Equal(new ReviewPublisher(null, null, "checker.example"), item.Publisher);
    }

    [Theory]
    [InlineData("\"pt-BR\"", "pt-BR")]
    [InlineData("\"PT_br\"", "pt-BR")]
    [InlineData("\"Español\"", "es")]
    [InlineData("{\"@type\": \"Language\", \"name\": \"German\", \"alternateName\": \"de\"}", "de")]
    public void Languages_AreCodes(string written, string expected)
    {
        var item = ReadOne($$$"""{"claimReviewed": "Z.", "inLanguage": {{{written}}}, "itemReviewed": {"inLanguage": {{{written}}}}}""");

        Assert.Equal(expected, item.ReviewLanguage);
        Assert.Equal(expected, item.ClaimLanguage);
    }

    [Fact]
    public void RatingNameAndValueObjects_StandInForAlternateName()
    {
        var item = ReadOne("""{"claimReviewed": [{"@value": "Z."}], "reviewRating": {"name": "Half True"}}""");

        Assert.Equal("Z.", item.ClaimReviewed);
        Assert.Equal("Half True", item.TextualRating);
    }
}
