using System.Net;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Platform;

// Every write refuses a bad request with a 4xx problem+json that says what was wrong, and writes nothing.
// Each case breaks a body that is otherwise accepted (Write_WithTheUneditedBody_Succeeds); the cases that break one
// field are beside their use case (e.g. Claims/RecordClaimTests: RecordClaim_WithAnInvalidField_Returns400NamingIt).
public sealed class WriteValidationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_WithTheUneditedBody_Succeeds(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);

        var response = await write.SendAsync(_client, write.Body);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_WithMalformedJson_Returns400(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);
        var truncated = write.Body.ToJsonString()[..^1];

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, truncated));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors.Keys, key => key.StartsWith('$'));
    }

    // Parsers disagree on which of two equal keys wins, a classic way past validation: ambiguous JSON is refused.
    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_WithADuplicateProperty_Returns400NamingItsPath(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);
        var first = write.Body.AsObject().First().Key;
        // The same value again: the body is refused for the repetition alone, not for a value it would not take anyway.
        var body = write.Body.WithDuplicate(first, write.Body[first]!.ToJsonString());

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The request body is not valid JSON for this operation", problem.Title);
        Assert.Contains(problem.Errors.Keys, key => key.StartsWith('$') && key.Contains(first, StringComparison.Ordinal));
        Assert.DoesNotContain("ClaimTracker.", problem.Detail); // says what to change, not which .NET type was read
    }

    [Fact]
    public async Task Write_WithADuplicatePropertyDeepInTheBody_Returns400NamingItsPath()
    {
        var write = await ValidWrites.ArrangeAsync(_client, "POST /claims");
        var body = write.Body.WithDuplicate("report.chain[1].source.slug", "\"known-origin\"");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors.Keys, key => key.StartsWith("$.report.chain[1].source", StringComparison.Ordinal));
    }

    // The documented 415 (README, Errors) for any caller: the content type is refused before the key is looked at,
    // as a path that does not exist is a 404 before it.
    [Theory]
    [MemberData(nameof(WrongContentTypes))]
    public async Task Write_WithoutAKeyInAnotherContentType_Returns415(string operation, string contentType)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(api.AnonymousClient(), write.Body.ToJsonString(), contentType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_WithoutAKeyAsJson_Returns401(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(api.AnonymousClient(), write.Body));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, string> WrongContentTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in ((IEnumerable<object[]>)ValidWrites.Operations).Select(row => (string)row[0]))
        foreach (var type in new[] { "application/xml", "text/csv", "application/x-www-form-urlencoded", "multipart/form-data" })
            data.Add(operation, type);
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_WithEmptyBody_Returns400(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, ""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_AsPlainText_Returns415(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, write.Body.ToJsonString(), "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_InACharsetTheServerCannotRead_Returns415(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);
        var content = new StringContent(write.Body.ToJsonString());
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-7");

        var response = await api.WithoutWritesAsync(() => _client.SendAsync(new HttpRequestMessage(write.Method, write.Url) { Content = content }));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(ValidWrites.Operations), MemberType = typeof(ValidWrites))]
    public async Task Write_OverTheBodyLimit_Returns413(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);
        var padded = write.Body.With("padding", $"\"{new string('x', (int)ApiFactory.MaxBodyBytes)}\"");

        var response = await api.WithoutWritesAsync(() => write.SendAsync(_client, padded));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(ValidWrites.ClaimOperations), MemberType = typeof(ValidWrites))]
    public async Task Write_ToAnUnknownClaim_Returns404(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);
        var url = write.Url.Replace(write.ClaimId.ToString(), Guid.CreateVersion7().ToString());

        var response = await api.WithoutWritesAsync(() => _client.SendRawAsync(write.Method, url, write.Body.ToJsonString()));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(ValidWrites.ClaimOperations), MemberType = typeof(ValidWrites))]
    public async Task Write_ToAClaimIdThatIsNotAGuid_Returns404(string operation)
    {
        var write = await ValidWrites.ArrangeAsync(_client, operation);
        var url = write.Url.Replace(write.ClaimId.ToString(), "kim-train");

        var response = await api.WithoutWritesAsync(() => _client.SendRawAsync(write.Method, url, write.Body.ToJsonString()));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
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
}
