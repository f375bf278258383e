using System.Net;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Sources;
using Microsoft.AspNetCore.Http;

namespace ClaimTracker.Api.Tests.Infrastructure;

// The calls a test makes to arrange its data, each asserting the status it expects.
public static class Calls
{
    public static async Task<T> ExpectAsync<T>(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        await response.AssertStatusAsync(status);
        return await response.ReadAsync<T>();
    }

    // Assert.Equal on the status alone would hide the problem details that say why.
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            Assert.Fail($"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<HttpValidationProblemDetails> AssertProblemAsync(
        this HttpResponseMessage response, HttpStatusCode status, params string[] errorKeys)
    {
        await response.AssertStatusAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync<HttpValidationProblemDetails>();
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        foreach (var key in errorKeys)
            Assert.True(problem.Errors.TryGetValue(key, out var messages) && messages.Any(m => m.Length > 0),
                $"No error for '{key}'; errors: {string.Join(", ", problem.Errors.Keys)}");
        return problem;
    }

    // Sends a request that must be refused, and proves that it wrote nothing.
    public static async Task<HttpResponseMessage> WithoutWritesAsync(this ApiFactory api, Func<Task<HttpResponseMessage>> send)
    {
        var before = await api.RowCountsAsync();
        var response = await send();
        Assert.Equal(before, await api.RowCountsAsync());
        return response;
    }

    public static Task<T> GetOkAsync<T>(this HttpClient client, string url) =>
        client.GetAsync(url).ExpectAsync<T>(HttpStatusCode.OK);

    public static Task<ClaimResponse> GetClaimAsync(this HttpClient client, Guid id) => client.GetOkAsync<ClaimResponse>($"/claims/{id}");

    public static Task<ClaimResponse> RecordClaimAsync(this HttpClient client, object body) =>
        client.PostJsonAsync("/claims", body).ExpectAsync<ClaimResponse>(HttpStatusCode.Created);

    public static Task<ClaimResponse> AddReportAsync(this HttpClient client, Guid claimId, object body) =>
        client.PostJsonAsync($"/claims/{claimId}/reports", body).ExpectAsync<ClaimResponse>(HttpStatusCode.Created);

    public static Task<ClaimResponse> AddEvidenceAsync(this HttpClient client, Guid claimId, object body) =>
        client.PostJsonAsync($"/claims/{claimId}/evidence", body).ExpectAsync<ClaimResponse>(HttpStatusCode.Created);

    public static Task<ClaimResponse> ResolveAsync(this HttpClient client, ClaimResponse claim, string resolution, string? reason = null) =>
        client.PostJsonAsync($"/claims/{claim.Id}/resolution", Requests.Resolution(resolution, claim.Version, reason))
            .ExpectAsync<ClaimResponse>(HttpStatusCode.OK);

    public static Task<ClaimResponse> RecordClaimQuotingAsync(
        this HttpClient client, string quote, string? language = null, IReadOnlyList<string>? hedgeWords = null, double? statedConfidence = null) =>
        client.RecordClaimAsync(Requests.ClaimQuoting(quote, language, hedgeWords, statedConfidence));

    public static Task<SourceResponse> CreateSourceAsync(this HttpClient client, object body) =>
        client.PostJsonAsync("/sources", body).ExpectAsync<SourceResponse>(HttpStatusCode.Created);

    public static Task<LexiconTermResponse> AddLexiconTermAsync(this HttpClient client, object body) =>
        client.PostJsonAsync("/lexicon/terms", body).ExpectAsync<LexiconTermResponse>(HttpStatusCode.Created);

    public static Task<LexiconTermResponse> UpdateLexiconTermAsync(this HttpClient client, Guid id, object body) =>
        client.PutJsonAsync($"/lexicon/terms/{id}", body).ExpectAsync<LexiconTermResponse>(HttpStatusCode.OK);

    public static Task<LexiconTermResponse> RetireLexiconTermAsync(this HttpClient client, LexiconTermResponse term, string? reason = null) =>
        client.PostJsonAsync($"/lexicon/terms/{term.Id}/retire", reason is null ? Requests.Retirement(term.Version) : Requests.Retirement(term.Version, reason))
            .ExpectAsync<LexiconTermResponse>(HttpStatusCode.OK);

    public static Task<GetLexicon.Response> GetLexiconAsync(this HttpClient client, string query = "") =>
        client.GetOkAsync<GetLexicon.Response>($"/lexicon{(query.Length == 0 ? "" : "?" + query)}");

    // An article of a publisher of its own, syndicated from a wire of its own ("ndtv-{suffix}" <- "afp-{suffix}"); returns its URL.
    public static async Task<string> CreateSyndicatedArticleAsync(this HttpClient client, string suffix)
    {
        var article = await client.PostJsonAsync("/articles", Requests.Article(
                $"https://www.ndtv.com/world-news/kim-{suffix}", Requests.Inline($"NDTV {suffix}", "outlet"),
                syndicatedFrom: Requests.Inline($"AFP {suffix}", "wire_agency")))
            .ExpectAsync<ArticleResponse>(HttpStatusCode.Created);
        return article.Url;
    }

    public static async Task<TrackRecordResponse> TrackRecordAsync(this HttpClient client, string slug) =>
        (await client.GetOkAsync<GetSource.Response>($"/sources/{slug}")).Source.TrackRecord;
}
