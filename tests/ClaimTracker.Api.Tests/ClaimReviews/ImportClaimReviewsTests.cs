using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.ClaimReviews;
using static ClaimTracker.Api.Tests.ClaimReviews.ClaimReviewFeeds;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.ClaimReviews;

public sealed class ImportClaimReviewsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<ClaimResponse> ClaimOfAsync(ImportClaimReviews.Response answer, int index = 0) =>
        await _client.GetClaimAsync(Assert.Single(answer.Results, r => r.Index == index).ClaimId);

    [Fact]
    public async Task Import_OfAnUnresolvedClaimsFalseReview_CreatesTheClaimWithItsClaimantAndFactCheckerAndResolvesIt()
    {
        var s = Unique();
        var url = $"https://factcheck.example.org/{s}";
        var answer = await _client.ImportOkAsync(Review($"The train left on Sunday {s}", "Pants on Fire", url,
            appearance: $"https://news.example.com/{s}", claimant: $"Spokesman {s}"));

        Assert.Equal((1, 1, 0, 1, 0, 0, 0), (answer.Items, answer.Imported, answer.Matched, answer.Created, answer.Unmapped, answer.Unchanged, answer.Conflicts));
        var result = Assert.Single(answer.Results);
        Assert.Equal((VerdictOutcome.False, VerdictEffect.Resolved), (result.Verdict!.Outcome, result.Effect));
        var claim = await ClaimOfAsync(answer);
        Assert.Equal(ClaimStatus.False, claim.Status);
        // Recorded and resolved in the same instant: the history's order between the two is not the point.
        Assert.Contains(claim.History, h => h.To == ClaimStatus.False && h.Reason.Contains(url) && h.Reason.Contains("Pants on Fire"));
        var report = Assert.Single(claim.Reports);
        Assert.Equal($"https://news.example.com/{s}", report.Article.Url);
        Assert.Equal($"Spokesman {s}", report.Chain[0].Source.Name);
        var checkers = await _client.GetOkAsync<PagedList<SourceResponse>>("/sources?kind=fact_checker&pageSize=100");
        Assert.Contains(checkers.Items, c => c.Name == "Example Fact Check" && c.Kind == SourceKind.FactChecker);
        var audit = await _client.GetOkAsync<PagedList<ClaimTracker.Api.Features.Audit.ListAudit.Response>>($"/audit?action=ImportClaimReviews&entityId={result.ReviewId}");
        Assert.Contains(Assert.Single(audit.Items).Changes, c => c.Entity == "claim_reviews");
    }

    [Fact]
    public async Task Import_OfAReviewOfAResolvedClaimThatDisagrees_KeepsTheResolutionAndReportsAConflict()
    {
        var s = Unique();
        var claim = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(s)), "true");

        var answer = await _client.ImportOkAsync(Review(claim.Statement, "False", $"https://factcheck.example.org/{s}"));

        Assert.Equal((1, 1, 0, 1), (answer.Imported, answer.Matched, answer.Created, answer.Conflicts));
        Assert.Equal(VerdictEffect.Conflict, Assert.Single(answer.Results).Effect);
        Assert.NotEmpty(answer.Results[0].Conflicts);
        Assert.Equal(ClaimStatus.True, (await _client.GetClaimAsync(claim.Id)).Status);
    }

    [Fact]
    public async Task Import_OfAnUnknownLabelOrAnExplainer_StoresTheReviewWithoutTouchingTheClaim()
    {
        var s = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(s));
        var unknown = $"Zorglub {s}";

        var answer = await _client.ImportOkAsync(new JsonArray(
            Review(claim.Statement, unknown, $"https://factcheck.example.org/{s}/1"),
            Review(claim.Statement, "Satire", $"https://factcheck.example.org/{s}/2")));

        Assert.Equal((2, 2, 1), (answer.Imported, answer.Matched, answer.Unmapped));
        Assert.Equal(unknown, Assert.Single(answer.UnmappedLabels).Label);
        Assert.True(answer.Results.Single(r => r.Index == 0).Verdict!.Unmapped);
        Assert.Equal(VerdictOutcome.NotAVerdict, answer.Results.Single(r => r.Index == 1).Verdict!.Outcome);
        Assert.All(answer.Results, r => Assert.Equal(VerdictEffect.None, r.Effect));
        Assert.Equal(ClaimStatus.Unverified, (await _client.GetClaimAsync(claim.Id)).Status);
    }

    [Fact]
    public async Task Import_OfFactCheckToolsAnswer_ImportsAndSearchShowsTheReviewAndFiltersByItsSite()
    {
        var s = Unique();
        var google = JsonNode.Parse($$"""
            {"claims": [{"text": "Vacina altera o DNA {{s}}", "claimant": "Postagem {{s}}", "claimDate": "2023-05-01T00:00:00Z", "languageCode": "pt",
              "claimReview": [{"publisher": {"name": "Checagem {{s}}", "site": "checagem{{s}}.com.br"}, "url": "https://checagem{{s}}.com.br/dna",
                               "title": "Vacina não altera DNA", "reviewDate": "2023-05-03T00:00:00Z", "textualRating": "Falso", "languageCode": "pt"}]}],
             "nextPageToken": "abc"}
            """)!;

        var answer = await _client.ImportOkAsync(google);

        Assert.Equal((1, 1), (answer.Imported, answer.Created));
        var claim = await ClaimOfAsync(answer);
        Assert.Equal(ClaimStatus.False, claim.Status);
        Assert.Equal($"https://checagem{s}.com.br/dna", Assert.Single(claim.Reports).Article.Url);
        var search = await _client.GetOkAsync<SearchClaims.Response>($"/claims/search?query={s}&reviewPublisherSiteFilter=checagem{s}.com.br");
        var found = Assert.Single(search.Claims);
        var review = Assert.Single(found.ClaimReview);
        Assert.Equal(($"Checagem {s}", $"checagem{s}.com.br", "Falso", "pt", "Vacina não altera DNA"),
            (review.Publisher.Name, review.Publisher.Site, review.TextualRating, review.LanguageCode, review.Title));
        Assert.Empty((await _client.GetOkAsync<SearchClaims.Response>($"/claims/search?query={s}&reviewPublisherSiteFilter=other.example")).Claims);
    }

    [Fact]
    public async Task Import_OfADataFeed_ImportsEveryItemAndSearchFindsTheReviewTitle()
    {
        var s = Unique();
        var first = Review($"Kim rode a bicycle to Vladivostok {s}", "Falso", $"https://verificado.example/{s}/1", "Verificado", "https://verificado.example", "es");
        first["headline"] = $"Bicicleta {s}titular";
        var feed = DataFeed([first, Review($"Putin met Kim at the cosmodrome {s}", "Verdadero", $"https://verificado.example/{s}/2", "Verificado", "https://verificado.example", "es")]);

        var answer = await _client.ImportOkAsync(feed);

        Assert.Equal((2, 2, 2), (answer.Items, answer.Imported, answer.Created));
        Assert.Equal([ClaimStatus.False, ClaimStatus.True], [(await ClaimOfAsync(answer, 0)).Status, (await ClaimOfAsync(answer, 1)).Status]);
        var search = await _client.GetOkAsync<SearchClaims.Response>($"/claims/search?query=Bicicleta%20{s}titular");
        Assert.Equal(answer.Results[0].ClaimId, Assert.Single(search.Claims).Id);
    }

    [Fact]
    public async Task Import_Twice_SecondAnswerIsAllUnchangedAndWritesNothing()
    {
        var s = Unique();
        var feed = new JsonArray(
            Review($"Claim one {s}", "True", $"https://factcheck.example.org/{s}/1"),
            Review($"Claim two {s}", "Mostly False", null, appearance: $"https://news.example.com/{s}"));
        var first = await _client.ImportOkAsync(feed);
        Assert.Equal(2, first.Imported);

        var again = await api.WithoutWritesAsync(() => _client.ImportAsync(feed));

        var second = await Task.FromResult(again).ExpectAsync<ImportClaimReviews.Response>(HttpStatusCode.OK);
        Assert.Equal((2, 0, 2), (second.Items, second.Imported, second.Unchanged));
        Assert.Equal(first.Results.Select(r => r.ClaimId), second.Results.Select(r => r.ClaimId));
    }

    [Fact]
    public async Task Import_OfMalformedJson_Is400NamingTheLineAndWritesNothing()
    {
        var response = await api.WithoutWritesAsync(() => _client.PostRawAsync("/claimreviews", "{\"@type\": \"ClaimReview\",\n \"claimReviewed\": ", LdJson));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "$");
        Assert.Contains("line 2", problem.Errors["$"][0]);
    }

    [Fact]
    public async Task Import_WithAReviewWithoutClaimReviewed_Is422NamingTheItemAndWritesNothing()
    {
        var s = Unique();
        var missing = Review("x", "False", $"https://factcheck.example.org/{s}/2");
        missing.Remove("claimReviewed");
        var feed = new JsonArray(Review($"Good claim {s}", "False", $"https://factcheck.example.org/{s}/1"), missing);

        var response = await api.WithoutWritesAsync(() => _client.ImportAsync(feed));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "items[1]");
        Assert.Contains("claimReviewed", problem.Errors["items[1]"][0]);
    }

    [Fact]
    public async Task Import_WithBestRatingBelowWorstRating_Is422NamingTheItemAndWritesNothing()
    {
        var s = Unique();
        var feed = DataFeed([Review($"Scale claim {s}", "False", $"https://factcheck.example.org/{s}", ratingValue: 2, bestRating: 1, worstRating: 5)]);

        var response = await api.WithoutWritesAsync(() => _client.ImportAsync(feed));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "items[0]");
        Assert.Contains("bestRating", problem.Errors["items[0]"][0]);
    }

    [Fact]
    public async Task Import_WhenALaterItemFailsWhileWriting_RejectsTheFileAndUndoesTheItemsBefore()
    {
        var s = Unique();
        // A new claim needs an article: a review with neither an appearance nor a URL cannot create one.
        var feed = new JsonArray(
            Review($"Written first {s}", "False", $"https://factcheck.example.org/{s}", appearance: $"https://news.example.com/{s}"),
            Review($"Nowhere to be found {s}", "False", null));

        var response = await api.WithoutWritesAsync(() => _client.ImportAsync(feed));
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "items[1]");

        var skipped = await _client.ImportOkAsync(feed, "skip_item");
        Assert.Equal((2, 1, 1), (skipped.Items, skipped.Imported, skipped.Failed));
        Assert.Equal(1, Assert.Single(skipped.Errors).Index);
    }

    [Fact]
    public async Task Import_OfPlainText_Is415()
    {
        var response = await _client.PostRawAsync("/claimreviews", "{}", "text/plain");
        await response.AssertStatusAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task CrosswalkEdit_ChangesTheNextImportsMapping()
    {
        var s = Unique();
        var label = $"Tall Tale {s}";
        var before = await _client.ImportOkAsync(Review($"Before the edit {s}", label, $"https://factcheck.example.org/{s}/1"));
        Assert.Equal(1, before.Unmapped);

        var entry = await _client.PutJsonAsync("/claimreviews/crosswalk", new { label, outcome = "false", language = "en" })
            .ExpectAsync<CrosswalkEntryResponse>(HttpStatusCode.Created);
        var after = await _client.ImportOkAsync(Review($"After the edit {s}", label.ToUpperInvariant(), $"https://factcheck.example.org/{s}/2"));
        Assert.Equal((0, VerdictOutcome.False), (after.Unmapped, after.Results[0].Verdict!.Outcome));
        Assert.Equal(ClaimStatus.False, (await ClaimOfAsync(after)).Status);

        var changed = await _client.PutJsonAsync("/claimreviews/crosswalk", new { label, outcome = "mixed", language = "en" })
            .ExpectAsync<CrosswalkEntryResponse>(HttpStatusCode.OK);
        Assert.Equal(entry.Id, changed.Id);
        var mixed = await _client.ImportOkAsync(Review($"After the change {s}", label, $"https://factcheck.example.org/{s}/3"));
        Assert.Equal(VerdictOutcome.Mixed, mixed.Results[0].Verdict!.Outcome);

        (await _client.DeleteAsync($"/claimreviews/crosswalk/{entry.Id}")).EnsureSuccessStatusCode();
        var deleted = await _client.ImportOkAsync(Review($"After the delete {s}", label, $"https://factcheck.example.org/{s}/4"));
        Assert.Equal(1, deleted.Unmapped);
        Assert.Empty(await _client.GetOkAsync<List<CrosswalkEntryResponse>>($"/claimreviews/crosswalk?label={Uri.EscapeDataString(label)}"));
    }

    [Fact]
    public async Task Crosswalk_IsSeededAndReadersCannotEditIt()
    {
        var falso = await _client.GetOkAsync<List<CrosswalkEntryResponse>>("/claimreviews/crosswalk?language=pt&label=falso");
        Assert.Equal(VerdictOutcome.False, Assert.Single(falso).Outcome);

        var reader = await api.ClientAsync(ClaimTracker.Api.Features.Access.Role.Reader);
        var refused = await reader.PutJsonAsync("/claimreviews/crosswalk", new { label = "Nope", outcome = "true" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Import_OfAThousandReviewsInFiveLanguages_AccountsForEveryItemAndIsIdempotent()
    {
        var s = Unique();
        var labels = new Dictionary<string, string[]>
        {
            ["en"] = ["False", "True", "Misleading", "Pants on Fire", "Satire"],
            ["es"] = ["Falso", "Engañoso", "Verdadero", "Sin evidencia"],
            ["pt"] = ["Falso", "Enganoso", "Sem contexto", "Verdadeiro"],
            ["fr"] = ["Faux", "Trompeur", "Vrai", "Infondé"],
            ["de"] = ["Falsch", "Irreführend", "Richtig", "Unbelegt"],
        };
        var languages = labels.Keys.ToArray();
        var reviews = new List<JsonNode>();
        var unknown = new HashSet<int>();
        var bad = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            var language = languages[i % languages.Length];
            var label = labels[language][i / languages.Length % labels[language].Length];
            if (i % 50 == 7) { label = $"Unheard-of {language} {i % 3}"; unknown.Add(i); }
            var review = Review($"Claim {i} of batch {s} in {language}", label, $"https://fc{i % 7}.example/{s}/{i}",
                $"Checker {i % 7} {s}", $"https://fc{i % 7}.example", language, appearance: $"https://news{i % 11}.example/{s}/{i}",
                claimant: $"Claimant {i % 13} {s}");
            if (i % 100 == 42) { review.Remove("claimReviewed"); bad.Add(i); }
            reviews.Add(review);
        }
        var feed = DataFeed(reviews);

        var first = await _client.ImportOkAsync(feed, "skip_item");

        Assert.Equal(1000, first.Items);
        Assert.Equal(Enumerable.Range(0, 1000), first.Results.Select(r => r.Index).Concat(first.Errors.Select(e => e.Index)).Order());
        Assert.Equal(bad.Order(), first.Errors.Select(e => e.Index));
        Assert.All(first.Errors, e => Assert.Contains("claimReviewed", e.Reason));
        Assert.Equal(1000 - bad.Count, first.Imported);
        Assert.Equal(unknown.Except(bad).Order(), first.Results.Where(r => r.Verdict!.Unmapped).Select(r => r.Index).Order());
        Assert.Equal(unknown.Except(bad).Count(), first.Unmapped);
        Assert.All(first.UnmappedLabels, l => Assert.StartsWith("Unheard-of", l.Label));
        Assert.Equal(unknown.Except(bad).Count(), first.UnmappedLabels.Sum(l => l.Items));
        Assert.All(first.Results.Where(r => !unknown.Contains(r.Index)), r => Assert.NotNull(r.Verdict!.Outcome));

        var again = await api.WithoutWritesAsync(() => _client.ImportAsync(feed, "skip_item"));
        var second = await Task.FromResult(again).ExpectAsync<ImportClaimReviews.Response>(HttpStatusCode.OK);
        Assert.Equal((0, first.Imported, bad.Count), (second.Imported, second.Unchanged, second.Failed));
    }
}
