using System.Net;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests;

// Every write refuses a bad request with a 4xx problem+json that names what was wrong, and writes nothing.
// Each case edits one field of a body that is otherwise accepted (Write_WithTheUneditedBody_Succeeds).
public sealed class ClaimValidationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string KnownUrl = "https://known.test/kim-train";
    private const string NoSuchSource = """{"slug":"no-such-source"}""";
    private const string UnknownArticle = """{"url":"https://unknown.test/no-such-article"}""";
    private const string UnscopedAnonymous = """{"name":"Unidentified official","kind":"anonymous"}""";
    private const string SameSourceTwice = """[{"source":{"slug":"known-origin"}},{"source":{"slug":"known-origin"}}]""";
    private const string FarFuture = "\"2999-01-01T00:00:00Z\"";
    private const string BeforePrinting = "\"1200-09-11T00:00:00Z\"";

    private static readonly object[] KnownChain = [Link(Slug("known-origin")), Link(Slug("known-relay"))];

    private readonly HttpClient _client = api.CreateClient();

    public static TheoryData<string> Writes =>
    [
        "POST /claims", "POST /claims/{id}/reports", "POST /claims/{id}/evidence", "POST /claims/{id}/resolution",
        "POST /sources", "PUT /sources/{id}", "POST /articles", "POST /lexicon/terms", "PUT /lexicon/terms/{id}",
        "POST /lexicon/terms/{id}/retire",
    ];

    // Values too long or too many for a constant in an attribute.
    public static TheoryData<string, string, string?, string> OverTheLimits => new()
    {
        { "POST /lexicon/terms", "phrase", Json(new string('x', 201)), "phrase" },
        { "POST /lexicon/terms", "scale", Json(new string('a', 51)), "scale" },
        { "POST /lexicon/terms", "variants", Json(Enumerable.Range(0, 51).Select(i => $"hint {i}")), "variants" },
        { "POST /lexicon/terms", "variants", Json(new[] { new string('x', 201) }), "variants[0]" },
        { "POST /lexicon/terms", "note", Json(new string('x', 1001)), "note" },
        { "PUT /lexicon/terms/{id}", "note", Json(new string('x', 1001)), "note" },
        { "POST /lexicon/terms/{id}/retire", "reason", Json(new string('x', 1001)), "reason" },
        { "POST /sources", "aliases", Json(Enumerable.Range(0, 21).Select(i => $"Alias {i}")), "aliases" },
        { "POST /sources", "aliases", Json(new[] { new string('x', 201) }), "aliases[0]" },
        { "PUT /sources/{id}", "aliases", Json(Enumerable.Range(0, 21).Select(i => $"Alias {i}")), "aliases" },
    };

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    public static TheoryData<string> ClaimWrites =>
        ["POST /claims/{id}/reports", "POST /claims/{id}/evidence", "POST /claims/{id}/resolution", "POST /claims/{id}/reopen"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithTheUneditedBody_Succeeds(string operation)
    {
        var write = await ArrangeAsync(operation);

        var response = await write.SendAsync(_client, write.Body);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("POST /claims", "statement", null, "statement")]
    [InlineData("POST /claims", "statement", "\"\"", "statement")]
    [InlineData("POST /claims", "statement", "\"   \"", "statement")]
    [InlineData("POST /claims", "statement", "42", "$.statement")]
    [InlineData("POST /claims", "statment", "\"Kim's train left\"", "$.statment")]
    [InlineData("POST /claims", "topics", "\"north-korea\"", "$.topics")]
    [InlineData("POST /claims", "topics[0]", "\"north korea!\"", "topics[0]")]
    [InlineData("POST /claims", "topics[0]", "\"-russia\"", "topics[0]")]
    [InlineData("POST /claims", "report", null, "report")]
    [InlineData("POST /claims", "report.quote", "\"\"", "report.quote")]
    [InlineData("POST /claims", "report.article", null, "report.article")]
    [InlineData("POST /claims", "report.article.url", "\"not a url\"", "report.article.url")]
    [InlineData("POST /claims", "report.article.url", "\"ftp://known.test/kim-train\"", "report.article.url")]
    [InlineData("POST /claims", "report.statedConfidence", "1.5", "report.statedConfidence")]
    [InlineData("POST /claims", "report.statedConfidence", "-0.1", "report.statedConfidence")]
    [InlineData("POST /claims", "report.statedConfidence", "\"likely\"", "$.report.statedConfidence")]
    [InlineData("POST /claims", "report.hedgeWords", "\"appears\"", "$.report.hedgeWords")]
    [InlineData("POST /claims", "report.reportedAt", FarFuture, "report.reportedAt")]
    [InlineData("POST /claims", "report.reportedAt", BeforePrinting, "report.reportedAt")]
    [InlineData("POST /claims", "report.reportedAt", "\"11 September 2023\"", "$.report.reportedAt")]
    [InlineData("POST /claims", "report.chain[0].role", "\"relay\"", "report.chain")]
    [InlineData("POST /claims", "report.chain[1].role", "\"origin\"", "report.chain")]
    [InlineData("POST /claims", "report.chain[0].role", "\"publisher\"", "report.chain")]
    [InlineData("POST /claims", "report.chain[1].role", "\"maybe\"", "$.report.chain[1].role")]
    [InlineData("POST /claims", "report.chain", SameSourceTwice, "report.chain")]
    [InlineData("POST /claims", "report.chain[0].source", UnscopedAnonymous, "report.chain[0].source.scope")]
    [InlineData("POST /claims", "report.chain[0].source.slug", "\"Known Origin\"", "report.chain[0].source.slug")]
    [InlineData("POST /claims/{id}/reports", "quote", null, "quote")]
    [InlineData("POST /claims/{id}/reports", "qoute", "\"appears\"", "$.qoute")]
    [InlineData("POST /claims/{id}/reports", "statedConfidence", "1.5", "statedConfidence")]
    [InlineData("POST /claims/{id}/reports", "statedConfidence", "\"likely\"", "$.statedConfidence")]
    [InlineData("POST /claims/{id}/reports", "reportedAt", BeforePrinting, "reportedAt")]
    [InlineData("POST /claims/{id}/reports", "article.url", "\"not a url\"", "article.url")]
    [InlineData("POST /claims/{id}/reports", "chain[0].role", "\"relay\"", "chain")]
    [InlineData("POST /claims/{id}/evidence", "stance", null, "stance")]
    [InlineData("POST /claims/{id}/evidence", "stance", "\"maybe\"", "$.stance")]
    [InlineData("POST /claims/{id}/evidence", "stnace", "\"confirms\"", "$.stnace")]
    [InlineData("POST /claims/{id}/evidence", "conclusive", null, "conclusive")]
    [InlineData("POST /claims/{id}/evidence", "conclusive", "\"yes\"", "$.conclusive")]
    [InlineData("POST /claims/{id}/evidence", "article", null, "article")]
    [InlineData("POST /claims/{id}/evidence", "observedAt", FarFuture, "observedAt")]
    [InlineData("POST /claims/{id}/evidence", "chain[0].role", "\"relay\"", "chain")]
    [InlineData("POST /claims/{id}/evidence", "chain", SameSourceTwice, "chain")]
    [InlineData("POST /claims/{id}/evidence", "chain[0].source", UnscopedAnonymous, "chain[0].source.scope")]
    [InlineData("POST /claims/{id}/resolution", "resolution", null, "resolution")]
    [InlineData("POST /claims/{id}/resolution", "resolution", "\"maybe\"", "$.resolution")]
    [InlineData("POST /claims/{id}/resolution", "reason", "\"\"", "reason")]
    [InlineData("POST /claims/{id}/resolution", "version", null, "version")]
    [InlineData("POST /claims/{id}/resolution", "version", "true", "$.version")]
    [InlineData("POST /sources", "name", null, "name")]
    [InlineData("POST /sources", "name", "\"\"", "name")]
    [InlineData("POST /sources", "kind", null, "kind")]
    [InlineData("POST /sources", "kind", "\"blog\"", "$.kind")]
    [InlineData("POST /sources", "kind", "\"anonymous\"", "scope")]
    [InlineData("POST /sources", "slug", "\"Not A Slug\"", "slug")]
    [InlineData("POST /sources", "homepage", "\"not a url\"", "homepage")]
    [InlineData("POST /sources", "country", "\"KOR\"", "country")]
    [InlineData("PUT /sources/{id}", "name", "\"\"", "name")]
    [InlineData("PUT /sources/{id}", "kind", null, "kind")]
    [InlineData("PUT /sources/{id}", "kind", "\"blog\"", "$.kind")]
    [InlineData("PUT /sources/{id}", "version", null, "version")]
    [InlineData("PUT /sources/{id}", "country", "\"Korea\"", "country")]
    [InlineData("PUT /sources/{id}", "slug", "\"renamed\"", "$.slug")]
    [InlineData("POST /articles", "url", null, "url")]
    [InlineData("POST /articles", "url", "\"not a url\"", "url")]
    [InlineData("POST /articles", "url", "\"ftp://known.test/kim-train\"", "url")]
    [InlineData("POST /articles", "title", "\"\"", "title")]
    [InlineData("POST /articles", "publisher", null, "publisher")]
    [InlineData("POST /articles", "publisher", UnscopedAnonymous, "publisher.scope")]
    [InlineData("POST /articles", "publishedAt", null, "publishedAt")]
    [InlineData("POST /articles", "publishedAt", FarFuture, "publishedAt")]
    [InlineData("POST /articles", "publishedAt", BeforePrinting, "publishedAt")]
    [InlineData("POST /articles", "publishedAt", "\"yesterday\"", "$.publishedAt")]
    [InlineData("POST /articles", "language", "\"English!\"", "language")]
    [InlineData("POST /claims", "statement", "\"Kim\\u0000Jong Un\"", "$.statement")]
    [InlineData("POST /claims", "report.quote", "\"appears\\u0000\"", "$.report.quote")]
    [InlineData("POST /claims", "report.hedgeWords", "[\"appears\\u0000\"]", "$.report.hedgeWords[0]")]
    [InlineData("POST /sources", "name", "\"Bad\\u0000Name\"", "$.name")]
    [InlineData("POST /claims", "report.reportedAt", "\"2023-09-11T08:00:00\"", "$.report.reportedAt")]
    [InlineData("POST /claims", "report.reportedAt", "\"2023-09-11\"", "$.report.reportedAt")]
    [InlineData("POST /claims", "report.reportedAt", "1694419200", "$.report.reportedAt")]
    [InlineData("POST /claims", "report.article", """{"url":"https://new.test/blank-title","title":"  ","publisher":{"slug":"known-origin"},"publishedAt":"2023-09-11T00:00:00Z"}""", "report.article.title")]
    [InlineData("POST /claims", "report.chain[0].source", """{"name":"New Official","kind":"official","aliases":[""]}""", "report.chain[0].source.aliases[0]")]
    [InlineData("POST /sources", "aliases", "[\"\"]", "aliases[0]")]
    [InlineData("POST /sources", "aliases", "[\"Seoul\", \"  \"]", "aliases[1]")]
    [InlineData("POST /sources", "aliases", "\"Seoul\"", "$.aliases")]
    [InlineData("PUT /sources/{id}", "aliases", "[\"\"]", "aliases[0]")]
    [InlineData("POST /articles", "publisher", """{"name":"New Outlet","kind":"outlet","aliases":[""]}""", "publisher.aliases[0]")]
    [InlineData("POST /lexicon/terms", "phrase", null, "phrase")]
    [InlineData("POST /lexicon/terms", "phrase", "\"\"", "phrase")]
    [InlineData("POST /lexicon/terms", "phrase", "\"   \"", "phrase")]
    [InlineData("POST /lexicon/terms", "phrase", "\"1234\"", "phrase")]
    [InlineData("POST /lexicon/terms", "phrse", "\"appears\"", "$.phrse")]
    [InlineData("POST /lexicon/terms", "scale", null, "scale")]
    [InlineData("POST /lexicon/terms", "scale", "\"ICD 203\"", "scale")]
    [InlineData("POST /lexicon/terms", "scale", "\"icd--203\"", "scale")]
    [InlineData("POST /lexicon/terms", "scale", "\"-icd\"", "scale")]
    [InlineData("POST /lexicon/terms", "probability", null, "probability")]
    [InlineData("POST /lexicon/terms", "probability", "1.5", "probability")]
    [InlineData("POST /lexicon/terms", "probability", "-0.1", "probability")]
    [InlineData("POST /lexicon/terms", "probability", "\"0.6\"", "$.probability")]
    [InlineData("POST /lexicon/terms", "low", null, "low")]
    [InlineData("POST /lexicon/terms", "low", "0.7", "low")]
    [InlineData("POST /lexicon/terms", "low", "-0.1", "low")]
    [InlineData("POST /lexicon/terms", "high", null, "high")]
    [InlineData("POST /lexicon/terms", "high", "0.5", "high")]
    [InlineData("POST /lexicon/terms", "high", "1.1", "high")]
    [InlineData("POST /lexicon/terms", "polarity", null, "polarity")]
    [InlineData("POST /lexicon/terms", "polarity", "\"sideways\"", "$.polarity")]
    [InlineData("POST /lexicon/terms", "category", null, "category")]
    [InlineData("POST /lexicon/terms", "category", "\"hedge\"", "$.category")]
    [InlineData("POST /lexicon/terms", "language", "\"English!\"", "language")]
    [InlineData("POST /lexicon/terms", "language", "\"e\"", "language")]
    [InlineData("POST /lexicon/terms", "variants", "\"hints\"", "$.variants")]
    [InlineData("POST /lexicon/terms", "variants", "[\"hints\", \"\"]", "variants[1]")]
    [InlineData("POST /lexicon/terms", "inflect", "\"yes\"", "$.inflect")]
    [InlineData("PUT /lexicon/terms/{id}", "probability", "2", "probability")]
    [InlineData("PUT /lexicon/terms/{id}", "probability", null, "probability")]
    [InlineData("PUT /lexicon/terms/{id}", "low", "0.9", "low")]
    [InlineData("PUT /lexicon/terms/{id}", "category", null, "category")]
    [InlineData("PUT /lexicon/terms/{id}", "variants", "[\"  \"]", "variants[0]")]
    [InlineData("PUT /lexicon/terms/{id}", "version", null, "version")]
    [InlineData("PUT /lexicon/terms/{id}", "version", "\"1\"", "$.version")]
    [InlineData("PUT /lexicon/terms/{id}", "phrase", "\"hinted\"", "$.phrase")]
    [InlineData("PUT /lexicon/terms/{id}", "scale", "\"phia\"", "$.scale")]
    [InlineData("PUT /lexicon/terms/{id}", "language", "\"ko\"", "$.language")]
    [InlineData("POST /lexicon/terms/{id}/retire", "reason", null, "reason")]
    [InlineData("POST /lexicon/terms/{id}/retire", "reason", "\"   \"", "reason")]
    [InlineData("POST /lexicon/terms/{id}/retire", "version", null, "version")]
    [InlineData("POST /lexicon/terms/{id}/retire", "version", "\"1\"", "$.version")]
    [MemberData(nameof(OverTheLimits))]
    public async Task Write_WithAnInvalidField_Returns400NamingIt(string operation, string field, string? json, string errorKey)
    {
        var write = await ArrangeAsync(operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("POST /claims", "report.chain[1].source", NoSuchSource, "report.chain[1].source.slug")]
    [InlineData("POST /claims", "report.chain[0].source", """{"id":"0193a000-0000-7000-8000-000000000001"}""", "report.chain[0].source.id")]
    [InlineData("POST /claims", "report.chain[0].source", """{"name":"Unidentified official","kind":"anonymous","scope":"no-such-source"}""", "report.chain[0].source.scope")]
    [InlineData("POST /claims", "report.article", UnknownArticle, "report.article.url")]
    [InlineData("POST /claims", "report.article", """{"id":"0193a000-0000-7000-8000-000000000001"}""", "report.article.id")]
    [InlineData("POST /claims/{id}/evidence", "chain[0].source", NoSuchSource, "chain[0].source.slug")]
    [InlineData("POST /claims/{id}/evidence", "article", UnknownArticle, "article.url")]
    [InlineData("POST /sources", "scope", "\"no-such-source\"", "scope")]
    [InlineData("POST /articles", "publisher", NoSuchSource, "publisher.slug")]
    [InlineData("POST /articles", "syndicatedFrom", NoSuchSource, "syndicatedFrom.slug")]
    public async Task Write_NamingSomethingUnknown_Returns404NamingTheField(string operation, string field, string json, string errorKey)
    {
        var write = await ArrangeAsync(operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.With(field, json)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, errorKey);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithMalformedJson_Returns400(string operation)
    {
        var write = await ArrangeAsync(operation);
        var truncated = write.Body.ToJsonString()[..^1];

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, truncated));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors.Keys, key => key.StartsWith('$'));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithEmptyBody_Returns400(string operation)
    {
        var write = await ArrangeAsync(operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, ""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_AsPlainText_Returns415(string operation)
    {
        var write = await ArrangeAsync(operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.ToJsonString(), "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_InACharsetTheServerCannotRead_Returns415(string operation)
    {
        var write = await ArrangeAsync(operation);
        var content = new StringContent(write.Body.ToJsonString());
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-7");

        var response = await api.WithoutWritesAsync(() => _client.SendAsync(new HttpRequestMessage(write.Method, write.Url) { Content = content }));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_OverTheBodyLimit_Returns413(string operation)
    {
        var write = await ArrangeAsync(operation);
        var padded = write.Body.With("padding", $"\"{new string('x', (int)ApiFactory.MaxBodyBytes)}\"");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, padded));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(ClaimWrites))]
    public async Task Write_ToAnUnknownClaim_Returns404(string operation)
    {
        var write = await ArrangeAsync(operation);
        var url = write.Url.Replace(write.ClaimId.ToString(), Guid.CreateVersion7().ToString());

        var response = await api.WithoutWritesAsync(() => _client.SendRawAsync(write.Method, url, write.Body.ToJsonString()));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(ClaimWrites))]
    public async Task Write_ToAClaimIdThatIsNotAGuid_Returns404(string operation)
    {
        var write = await ArrangeAsync(operation);
        var url = write.Url.Replace(write.ClaimId.ToString(), "kim-train");

        var response = await api.WithoutWritesAsync(() => _client.SendRawAsync(write.Method, url, write.Body.ToJsonString()));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateSource_Unknown_Returns404()
    {
        var response = await api.WithoutWritesAsync(() =>
            _client.PutJsonAsync($"/sources/{Guid.CreateVersion7()}", SourceUpdate("Yonhap News Agency", "wire_agency", 1)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RecordClaim_WhenALaterLinkIsUnknown_LeavesNoNewSourceOrArticleBehind()
    {
        var suffix = Unique();
        var body = Claim("Kim Jong Un's train has departed for Russia", Report(
            Article($"https://news.test/{suffix}", Inline($"Outlet {suffix}", "outlet")),
            [Link(Inline($"Official {suffix}", "official")), Link(Slug($"no-such-source-{suffix}"))]));

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", body));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "report.chain[1].source.slug");
        await (await _client.GetAsync($"/sources/official-{suffix}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/sources/outlet-{suffix}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    // A fresh claim on the known article, and a fresh source, so each case starts from rows of its own.
    private async Task<Write> ArrangeAsync(string operation)
    {
        var claim = await _client.RecordClaimAsync(Claim("Kim Jong Un's train has departed for Russia", Report(
            Article(KnownUrl, Inline("Known Outlet", "outlet")),
            [Link(Inline("Known Origin", "official")), Link(Inline("Known Relay", "wire_agency"))])));
        var claimUrl = $"/claims/{claim.Id}";

        return operation switch
        {
            "POST /claims" => new(HttpMethod.Post, "/claims", claim.Id,
                Claim("Kim Jong Un's train has departed for Russia", Report(ArticleAt(KnownUrl), KnownChain), "north-korea")),
            "POST /claims/{id}/reports" => new(HttpMethod.Post, $"{claimUrl}/reports", claim.Id, Report(ArticleAt(KnownUrl), KnownChain)),
            "POST /claims/{id}/evidence" => new(HttpMethod.Post, $"{claimUrl}/evidence", claim.Id,
                Evidence(ArticleAt(KnownUrl), "confirms", chain: KnownChain)),
            "POST /claims/{id}/resolution" => new(HttpMethod.Post, $"{claimUrl}/resolution", claim.Id, Resolution("true", claim.Version)),
            "POST /claims/{id}/reopen" => new(HttpMethod.Post, $"{claimUrl}/reopen", claim.Id, Reopen(claim.Version)),
            "POST /sources" => new(HttpMethod.Post, "/sources", claim.Id, Source($"Korea Herald {Unique()}")),
            "PUT /sources/{id}" => await UpdateOfNewSourceAsync(claim.Id),
            "POST /articles" => new(HttpMethod.Post, "/articles", claim.Id, Article($"https://known.test/{Unique()}", Slug("known-outlet"))),
            "POST /lexicon/terms" => new(HttpMethod.Post, "/lexicon/terms", claim.Id, NewTerm($"hinted-{Unique()}")),
            "PUT /lexicon/terms/{id}" => await ChangeOfNewTermAsync(claim.Id),
            "POST /lexicon/terms/{id}/retire" => await RetirementOfNewTermAsync(claim.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    private async Task<Write> UpdateOfNewSourceAsync(Guid claimId)
    {
        var source = await _client.CreateSourceAsync(Source($"Korea Herald {Unique()}"));
        return new(HttpMethod.Put, $"/sources/{source.Id}", claimId, SourceUpdate("The Korea Herald", "outlet", source.Version));
    }

    private async Task<Write> ChangeOfNewTermAsync(Guid claimId)
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        return new(HttpMethod.Put, $"/lexicon/terms/{term.Id}", claimId, TermUpdate(term, probability: 0.55));
    }

    private async Task<Write> RetirementOfNewTermAsync(Guid claimId)
    {
        var term = await _client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        return new(HttpMethod.Post, $"/lexicon/terms/{term.Id}/retire", claimId, Retirement(term.Version));
    }

    private sealed record Write(HttpMethod Method, string Url, Guid ClaimId, JsonNode Body)
    {
        public Write(HttpMethod method, string url, Guid claimId, object body) : this(method, url, claimId, JsonEdit.ToJson(body)) { }

        public Task<HttpResponseMessage> SendAsync(HttpClient client, JsonNode body) => SendAsync(client, body.ToJsonString());

        public Task<HttpResponseMessage> SendAsync(HttpClient client, string body, string contentType = "application/json") =>
            client.SendRawAsync(Method, Url, body, contentType);
    }

    [Theory]
    [InlineData("chain[1].source", """{"slug":"no-such-source"}""", HttpStatusCode.NotFound, "chain[1].source.slug")]
    [InlineData("article", """{"url":"https://unknown.test/no-such-article"}""", HttpStatusCode.NotFound, "article.url")]
    [InlineData("chain", """[{"source":{"slug":"official-x"}},{"source":{"slug":"official-x"}}]""", HttpStatusCode.BadRequest, "chain")]
    public async Task AddReport_WithABadReference_NamesTheFieldAsTheClientWroteIt(string field, string json, HttpStatusCode status, string errorKey)
    {
        var suffix = Unique();
        var claim = await _client.RecordClaimAsync(NewClaim(suffix));
        var body = JsonEdit.ToJson(Report(ArticleAt(claim.Reports[0].Article.Url), [Link(Slug($"official-{suffix}")), Link(Slug($"outlet-{suffix}"))]))
            .With(field, json.Replace("official-x", $"official-{suffix}"));

        var response = await api.WithoutWritesAsync(() => _client.PostRawAsync($"/claims/{claim.Id}/reports", body.ToJsonString()));

        await response.AssertProblemAsync(status, errorKey);
    }

    [Theory]
    [InlineData("report.statedConfidence", "\"0.7\"", "$.report.statedConfidence")]
    public async Task RecordClaim_WithANumberWrittenAsAString_Returns400(string field, string json, string errorKey)
    {
        var body = JsonEdit.ToJson(NewClaim(Unique())).With(field, json);

        var response = await api.WithoutWritesAsync(() => _client.PostRawAsync("/claims", body.ToJsonString()));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("/claims?q=%00")]
    [InlineData("/claims?source=%00")]
    [InlineData("/sources?name=%00")]
    [InlineData("/lexicon?phrase=%00")]
    public async Task Read_WithANulCharacterInTheQuery_Returns400(string url)
    {
        var response = await _client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/claims?page=abc", "page")]
    [InlineData("/claims?pageSize=1e3", "pageSize")]
    [InlineData("/claims?from=2023-09-11T00:00:00", "from")]
    [InlineData("/claims?to=yesterday", "to")]
    [InlineData("/sources?page=-", "page")]
    public async Task Read_WithAnUnreadableQueryValue_Returns400NamingIt(string url, string errorKey)
    {
        var response = await _client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Fact]
    public async Task RecordClaim_WithANullBody_Returns400SayingABodyIsNeeded()
    {
        var response = await api.WithoutWritesAsync(() => _client.PostRawAsync("/claims", "null"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON object", problem.Detail);
    }
}
