using System.Text.Json.Nodes;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Infrastructure;

// Every write with a body the API accepts, arranged fresh for each test: a claim on a known article, and a source or
// term of its own, so each case starts from rows of its own. Tests edit one field of it (JsonEdit.With) and check
// that the API refuses the result, names what was wrong, and writes nothing.
public static class ValidWrites
{
    public const string KnownUrl = "https://known.test/kim-train";
    public const string NoSuchSource = """{"slug":"no-such-source"}""";
    public const string UnknownArticle = """{"url":"https://unknown.test/no-such-article"}""";
    public const string UnscopedAnonymous = """{"name":"Unidentified official","kind":"anonymous"}""";
    public const string SameSourceTwice = """[{"source":{"slug":"known-origin"}},{"source":{"slug":"known-origin"}}]""";
    public const string FarFuture = "\"2999-01-01T00:00:00Z\"";
    public const string BeforePrinting = "\"1200-09-11T00:00:00Z\"";

    private static readonly object[] KnownChain = [Link(Slug("known-origin")), Link(Slug("known-relay"))];

    public static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    public static TheoryData<string> Operations =>
    [
        "POST /claims", "POST /claims/{id}/reports", "POST /claims/{id}/evidence", "POST /claims/{id}/resolution",
        "POST /sources", "PUT /sources/{id}", "POST /articles", "POST /lexicon/terms", "PUT /lexicon/terms/{id}",
        "POST /lexicon/terms/{id}/retire", "PUT /claims/{id}/parties",
    ];

    public static TheoryData<string> ClaimOperations =>
        ["POST /claims/{id}/reports", "POST /claims/{id}/evidence", "POST /claims/{id}/resolution", "POST /claims/{id}/reopen", "PUT /claims/{id}/parties"];

    public static async Task<ValidWrite> ArrangeAsync(HttpClient client, string operation)
    {
        var claim = await client.RecordClaimAsync(Claim(NewClaimStatement(Unique()), Report(
            Article(KnownUrl, Inline("Known Outlet", "outlet")),
            [Link(Inline("Known Origin", "official")), Link(Inline("Known Relay", "wire_agency"))])));
        var claimUrl = $"/claims/{claim.Id}";

        return operation switch
        {
            "POST /claims" => new(HttpMethod.Post, "/claims", claim.Id,
                Claim(NewClaimStatement(Unique()), Report(ArticleAt(KnownUrl), KnownChain), "north-korea")),
            "POST /claims/{id}/reports" => new(HttpMethod.Post, $"{claimUrl}/reports", claim.Id, Report(ArticleAt(KnownUrl), KnownChain)),
            "POST /claims/{id}/evidence" => new(HttpMethod.Post, $"{claimUrl}/evidence", claim.Id,
                Evidence(ArticleAt(KnownUrl), "confirms", chain: KnownChain)),
            "POST /claims/{id}/resolution" => new(HttpMethod.Post, $"{claimUrl}/resolution", claim.Id, Resolution("true", claim.Version)),
            "POST /claims/{id}/reopen" => new(HttpMethod.Post, $"{claimUrl}/reopen", claim.Id, Reopen(claim.Version)),
            "PUT /claims/{id}/parties" => new(HttpMethod.Put, $"{claimUrl}/parties", claim.Id,
                new { parties = new[] { Slug("known-origin") }, version = claim.Version }),
            "POST /sources" => new(HttpMethod.Post, "/sources", claim.Id, Source($"Korea Herald {Unique()}")),
            "PUT /sources/{id}" => await UpdateOfNewSourceAsync(client, claim.Id),
            "POST /articles" => new(HttpMethod.Post, "/articles", claim.Id, Article($"https://known.test/{Unique()}", Slug("known-outlet"))),
            "POST /lexicon/terms" => new(HttpMethod.Post, "/lexicon/terms", claim.Id, NewTerm($"hinted-{Unique()}")),
            "PUT /lexicon/terms/{id}" => await ChangeOfNewTermAsync(client, claim.Id),
            "POST /lexicon/terms/{id}/retire" => await RetirementOfNewTermAsync(client, claim.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    private static async Task<ValidWrite> UpdateOfNewSourceAsync(HttpClient client, Guid claimId)
    {
        var source = await client.CreateSourceAsync(Source($"Korea Herald {Unique()}"));
        return new(HttpMethod.Put, $"/sources/{source.Id}", claimId, SourceUpdate("The Korea Herald", "outlet", source.Version));
    }

    private static async Task<ValidWrite> ChangeOfNewTermAsync(HttpClient client, Guid claimId)
    {
        var term = await client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        return new(HttpMethod.Put, $"/lexicon/terms/{term.Id}", claimId, TermUpdate(term, probability: 0.55));
    }

    private static async Task<ValidWrite> RetirementOfNewTermAsync(HttpClient client, Guid claimId)
    {
        var term = await client.AddLexiconTermAsync(NewTerm($"hinted-{Unique()}"));
        return new(HttpMethod.Post, $"/lexicon/terms/{term.Id}/retire", claimId, Retirement(term.Version));
    }
}

public sealed record ValidWrite(HttpMethod Method, string Url, Guid ClaimId, JsonNode Body)
{
    public ValidWrite(HttpMethod method, string url, Guid claimId, object body) : this(method, url, claimId, JsonEdit.ToJson(body)) { }

    public Task<HttpResponseMessage> SendAsync(HttpClient client, JsonNode body) => SendAsync(client, body.ToJsonString());

    public Task<HttpResponseMessage> SendAsync(HttpClient client, string body, string contentType = "application/json") =>
        client.SendRawAsync(Method, Url, body, contentType);
}
