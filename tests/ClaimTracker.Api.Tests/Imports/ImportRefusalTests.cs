using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;

namespace ClaimTracker.Api.Tests.Imports;

// Requests refused before any line is read: media type, empty body or bad header, bad query.
public sealed class ImportRefusalTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=latin1")]
    public async Task Import_OtherContentType_Returns415(string contentType)
    {
        var response = await api.WithoutWritesAsync(() => _client.PostAsync("/imports", Body("source,claim,polarity\n", contentType)));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/x-ndjson", "", "body")]
    [InlineData("application/x-ndjson", " \n\n  \r\n", "body")]
    [InlineData("text/csv", "", "body")]
    [InlineData("text/csv", "source,claim\nA,B\n", "header")]
    [InlineData("text/csv", "source,claim,polarity,stance\n", "header")]
    [InlineData("text/csv", "source,claim,polarity,Claim\n", "header")]
    public async Task Import_EmptyBodyOrBadHeader_Returns400WritingNothing(string contentType, string body, string errorKey)
    {
        var response = await api.WithoutWritesAsync(() => _client.PostAsync("/imports", Body(body, contentType)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }

    [Theory]
    [InlineData("errors=keep_going", "errors")]
    [InlineData("name=a%00b", "name")]
    public async Task Import_InvalidQuery_Returns400(string query, string errorKey)
    {
        var response = await api.WithoutWritesAsync(() =>
            _client.PostAsync($"/imports?{query}", Body("{\"source\": \"s\", \"claim\": \"c\", \"polarity\": \"affirms\"}", "application/x-ndjson")));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, errorKey);
    }
}
