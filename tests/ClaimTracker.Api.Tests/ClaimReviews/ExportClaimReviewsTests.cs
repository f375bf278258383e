using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.ClaimReviews;

// ClaimReview export: GET /claims/{id} as JSON-LD, and GET /claimreviews, the feed of every resolved claim.
public sealed class ExportClaimReviewsTests(SeededApiFactory api) : IClassFixture<SeededApiFactory>
{
    private const string LdJson = "application/ld+json";

    private readonly HttpClient _client = api.CreateClient();

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    private async Task<JsonObject> GetLdAsync(Guid id, string accept = LdJson)
    {
        var response = await GetAsync(_client, $"/claims/{id}", accept);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(LdJson, response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<ClaimResponse> FindSeededAsync(string statement)
    {
        var page = await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?q={Uri.EscapeDataString(statement)}");
        return await _client.GetClaimAsync(Assert.Single(page.Items, c => c.Statement == statement).Id);
    }

    private static void AssertValid(JsonNode? review, bool nested = false)
    {
        var problems = ClaimReviewValidator.Problems(review, nested);
        Assert.True(problems.Count == 0, $"{string.Join("; ", problems)}\n{review}");
    }

    [Fact]
    public async Task GetClaim_AsJsonLd_WhenResolvedFalse_IsAValidClaimReviewOfTheClaimItsAuthorAndAppearances()
    {
        var suffix = Unique();
        var claim = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(suffix)), "false", "The train never left Pyongyang.");

        var review = await GetLdAsync(claim.Id);

        AssertValid(review);
        Assert.Equal(claim.Statement, (string?)review["claimReviewed"]);
        Assert.EndsWith($"/claims/{claim.Id}", (string?)review["url"]);
        Assert.Equal(claim.History[^1].ChangedAt, DateTimeOffset.Parse((string)review["datePublished"]!));
        Assert.Equal(("Organization", "ClaimTracker"), ((string?)review["author"]!["@type"], (string?)review["author"]!["name"]));
        Assert.Equal("en", (string?)review["inLanguage"]);
        var rating = review["reviewRating"]!;
        Assert.Equal((1, 5, 1, "False", "The train never left Pyongyang."),
            ((int)rating["ratingValue"]!, (int)rating["bestRating"]!, (int)rating["worstRating"]!, (string?)rating["alternateName"],
                (string?)rating["ratingExplanation"]));
        var item = review["itemReviewed"]!;
        Assert.Equal(("Person", $"Official {suffix}"), ((string?)item["author"]!["@type"], (string?)item["author"]!["name"]));
        Assert.Equal(claim.FirstReportedAt, DateTimeOffset.Parse((string)item["datePublished"]!));
        var article = claim.Reports[0].Article;
        var appearance = Assert.Single(item["appearance"]!.AsArray())!;
        Assert.Equal((article.Url, article.Title, article.Publisher, "Organization"),
            ((string?)appearance["url"], (string?)appearance["headline"], (string?)appearance["publisher"]!["name"], (string?)appearance["publisher"]!["@type"]));
        Assert.Equal(article.Url, (string?)item["firstAppearance"]!["url"]);
    }

    [Theory]
    [InlineData("true", 5, "True")]
    [InlineData("mixed", 3, "Mixed")]
    [InlineData("false", 1, "False")]
    [InlineData("unresolvable", null, "Unresolvable")]
    public async Task GetClaim_AsJsonLd_PutsEachResolutionOnTheDocumentedScale(string resolution, int? value, string name)
    {
        var claim = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(Unique())), resolution);

        var rating = (await GetLdAsync(claim.Id))["reviewRating"]!.AsObject();

        Assert.Equal(name, (string?)rating["alternateName"]);
        Assert.Equal(value, (int?)rating["ratingValue"]);
        Assert.Equal(value is null ? [] : new[] { "bestRating", "ratingValue", "worstRating" },
            rating.Select(p => p.Key).Where(k => k.EndsWith("Rating") || k == "ratingValue").Order());
    }

    [Fact]
    public async Task GetClaim_AsJsonLd_WhenSuperseded_GivesNoNumberAndSaysUntilWhenItHeld()
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique(), reportedAt: "2023-09-11T06:00:00Z"));
        await _client.PostJsonAsync($"/claims/{claim.Id}/resolution",
                new { resolution = "superseded", reason = "The Kremlin announced the visit.", version = claim.Version, trueUntil = "2023-09-11T12:00:00Z" })
            .ExpectAsync<ClaimResponse>(HttpStatusCode.OK);

        var review = await GetLdAsync(claim.Id);

        AssertValid(review);
        var rating = review["reviewRating"]!;
        Assert.Equal(("Superseded", null), ((string?)rating["alternateName"], (int?)rating["ratingValue"]));
        Assert.StartsWith("True until 2023-09-11 12:00Z.", (string?)rating["ratingExplanation"]);
    }

    [Fact]
    public async Task GetClaim_AsJsonLd_WhenNotResolved_IsABareClaimWithoutAReview()
    {
        var claim = await _client.RecordClaimAsync(NewClaim(Unique()));

        var document = await GetLdAsync(claim.Id);

        Assert.Equal(("https://schema.org", "Claim", claim.Statement),
            ((string?)document["@context"], (string?)document["@type"], (string?)document["text"]));
        Assert.Null(document["reviewRating"]);
        Assert.Equal(claim.Reports[0].Article.Url, (string?)document["firstAppearance"]!["url"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/json, application/ld+json;q=0.5")]
    public async Task GetClaim_WithoutAskingForJsonLd_AnswersTheUsualJson(string? accept)
    {
        var claim = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(Unique())), "true");

        var response = await GetAsync(_client, $"/claims/{claim.Id}", accept);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equivalent(claim, await response.ReadAsync<ClaimResponse>());
        Assert.Equal($"\"{claim.Version}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task GetClaim_AsJsonLd_HasTheClaimsVersionAsETag_AndVariesOnAccept()
    {
        var claim = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(Unique())), "true");

        var ld = await GetAsync(_client, $"/claims/{claim.Id}", "application/ld+json, application/json;q=0.9");
        var json = await GetAsync(_client, $"/claims/{claim.Id}", "application/json");

        Assert.Equal(LdJson, ld.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new EntityTagHeaderValue($"\"{claim.Version}\""), ld.Headers.ETag);
        Assert.Equal(json.Headers.ETag, ld.Headers.ETag);
        Assert.Contains("Accept", ld.Headers.Vary);
    }

    [Fact]
    public async Task GetClaim_AsJsonLd_ForAnUnknownClaim_Returns404Problem()
    {
        var response = await GetAsync(_client, $"/claims/{Guid.NewGuid()}", LdJson);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Feed_PagedThrough_HoldsEverySeededResolvedClaimOnce_EachAValidClaimReview()
    {
        var resolved = new Dictionary<string, string>
        {
            ["Kim Jong Un's train has departed for Russia"] = "true",
            ["North Korea is supplying Russia with rockets and missiles"] = "mixed",
            ["Kim Jong Un lacks confidence in his private jet"] = "unresolvable",
            ["Kim Jong Un and Vladimir Putin will meet around Wednesday 13 September 2023"] = "false",
        };
        foreach (var (statement, resolution) in resolved)
            await _client.ResolveAsync(await FindSeededAsync(statement), resolution);
        var open = await FindSeededAsync("The train carrying Kim Jong Un is moving to Vladivostok");

        var items = new List<JsonNode>();
        string? token = null;
        var pages = 0;
        do
        {
            var response = await GetAsync(_client, $"/claimreviews?pageSize=2{(token is null ? "" : $"&pageToken={token}")}", null);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(LdJson, response.Content.Headers.ContentType?.MediaType);
            var feed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(("https://schema.org", "DataFeed"), ((string?)feed["@context"], (string?)feed["@type"]));
            var elements = feed["dataFeedElement"]!.AsArray();
            Assert.InRange(elements.Count, 1, 2);
            items.AddRange(elements.Select(e => e!));
            token = (string?)feed["nextPageToken"];
            Assert.Equal(token is not null, response.Headers.Contains("Link"));
            pages++;
        } while (token is not null && pages < 100);

        Assert.All(items, item =>
        {
            Assert.Equal("DataFeedItem", (string?)item["@type"]);
            Assert.True(DateTimeOffset.TryParse((string?)item["dateModified"], out _));
            AssertValid(item["item"], nested: true);
        });
        var reviewed = items.Select(i => (string)i["item"]!["claimReviewed"]!).ToList();
        Assert.Equal(reviewed.Count, reviewed.Distinct().Count());
        Assert.Subset(reviewed.ToHashSet(), resolved.Keys.ToHashSet());
        Assert.DoesNotContain(open.Statement, reviewed);
        Assert.Equal("Mixed", (string?)items.Single(i => (string?)i["item"]!["claimReviewed"] == resolved.Keys.ElementAt(1))!["item"]!["reviewRating"]!["alternateName"]);
        Assert.True(pages >= 2, "the feed should span pages at pageSize=2");
    }

    [Fact]
    public async Task Feed_ClaimsChangedWhileAReaderPages_ComeLaterWithTheirNewVerdict_NotSkipped()
    {
        var early = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(Unique())), "true");
        var (items, token) = await PageAsync(null, 1000);
        Assert.Null(token);
        var (_, afterFirst) = await PageAsync(null, 1);

        var reopened = await _client.PostJsonAsync($"/claims/{early.Id}/reopen", Reopen(early.Version)).ExpectAsync<ClaimResponse>(HttpStatusCode.OK);
        await _client.ResolveAsync(reopened, "false");
        var added = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(Unique())), "mixed");
        var rest = new List<JsonNode>();
        for (var next = afterFirst; next is not null;)
        {
            (var page, next) = await PageAsync(next, 2);
            rest.AddRange(page);
        }

        var verdicts = rest.Select(i => ((string?)i["item"]!["claimReviewed"], (string?)i["item"]!["reviewRating"]!["alternateName"])).ToList();
        Assert.Equal((early.Statement, "False"), verdicts[^2]);
        Assert.Equal((added.Statement, "Mixed"), verdicts[^1]);
        var statements = verdicts.Select(v => v.Item1!).ToList();
        Assert.Equal(statements.Count, statements.Distinct().Count());
        var expected = items.Skip(1).Select(i => (string)i["item"]!["claimReviewed"]!).Append(early.Statement).Append(added.Statement);
        Assert.Equal(expected.ToHashSet(), statements.ToHashSet());
    }

    private async Task<(List<JsonNode> Items, string? Next)> PageAsync(string? token, int size)
    {
        var response = await GetAsync(_client, $"/claimreviews?pageSize={Math.Min(size, 100)}{(token is null ? "" : $"&pageToken={token}")}", null);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var feed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (feed["dataFeedElement"]!.AsArray().Select(e => e!).ToList(), (string?)feed["nextPageToken"]);
    }

    [Theory]
    [InlineData("pageToken=not-a-token", "pageToken")]
    [InlineData("pageToken=MTIzNDU2", "pageToken")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task Feed_WithABadParameter_Returns400NamingIt(string query, string field)
    {
        var response = await GetAsync(_client, $"/claimreviews?{query}", null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Export_UsesTheConfiguredOrganisationAndPublicAddress()
    {
        var claim = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(Unique())), "false");
        using var configured = api.WithWebHostBuilder(b => b
            .UseSetting("ClaimTracker:ClaimReview:Organization:Name", "Example Fact Check")
            .UseSetting("ClaimTracker:ClaimReview:Organization:Url", "https://factcheck.example.org")
            .UseSetting("ClaimTracker:ClaimReview:PublicUrlTemplate", "https://factcheck.example.org/claims/{id}")
            .UseSetting("ClaimTracker:ClaimReview:Language", "pt-BR"));

        var response = await GetAsync(configured.CreateClient(), $"/claims/{claim.Id}", LdJson);
        var review = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        AssertValid(review);
        Assert.Equal(("Example Fact Check", "https://factcheck.example.org"), ((string?)review["author"]!["name"], (string?)review["author"]!["url"]));
        Assert.Equal(($"https://factcheck.example.org/claims/{claim.Id}", "pt-BR"), ((string?)review["url"], (string?)review["inLanguage"]));
    }

    [Theory]
    [InlineData("ClaimTracker:ClaimReview:Organization:Name", " ")]
    [InlineData("ClaimTracker:ClaimReview:Organization:Url", "factcheck.example.org")]
    [InlineData("ClaimTracker:ClaimReview:PublicUrlTemplate", "https://factcheck.example.org/claims")]
    [InlineData("ClaimTracker:ClaimReview:Language", "not a language")]
    public void Startup_WithAnInvalidClaimReviewSetting_FailsNamingIt(string setting, string value)
    {
        using var misconfigured = api.WithWebHostBuilder(b => b.UseSetting(setting, value));

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains(string.Join(':', setting.Split(':')[..^1]), failure.ToString());
    }

    [Fact]
    public async Task OpenApi_DescribesGetClaimAsJsonAndAsJsonLd()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync(OpenApi.DocumentPath))!;

        var content = document["paths"]!["/claims/{id}"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();

        Assert.Equal(["application/json", LdJson], content.Select(c => c.Key).Order());
    }

    [Fact]
    public void Validator_RefusesAReviewWithoutClaimReviewedOrWithAnUpsideDownScale()
    {
        var review = JsonNode.Parse("""
            {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://example.org/r/1", "datePublished": "2023-09-12",
             "author": {"@type": "Organization", "name": "Example"},
             "reviewRating": {"@type": "Rating", "ratingValue": 3, "bestRating": 1, "worstRating": 5, "alternateName": "Mixed"},
             "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A"}, "datePublished": "2023-09-11",
                              "firstAppearance": {"@type": "CreativeWork", "url": "https://example.org/a"}}}
            """);

        var problems = ClaimReviewValidator.Problems(review);

        Assert.Contains(problems, p => p.StartsWith("claimReviewed"));
        Assert.Contains(problems, p => p.Contains("bestRating 1 is not above worstRating 5"));
    }
}
