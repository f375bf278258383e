using System.Net;
using Xunit.Abstractions;
using System.Net.Http.Headers;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Platform;

// Idempotency-Key on creates and ETag / If-Match on updates: what a newsroom script that retries can count on.
public sealed class RetryTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static HttpRequestMessage Post(string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiFactory.Json) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Retry_WithTheSameKeyAndBody_ReturnsTheFirstAnswerAndWritesNothing()
    {
        var body = Requests.NewClaim(Requests.Unique());
        var key = Guid.NewGuid().ToString();
        var first = await _client.SendAsync(Post("/claims", body, key));
        await first.AssertStatusAsync(HttpStatusCode.Created);
        var firstBody = await first.Content.ReadAsStringAsync();

        var retry = await api.WithoutWritesAsync(() => _client.SendAsync(Post("/claims", body, key)));

        await retry.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Retry_WithTheSameKeyAndAnotherBody_Returns422AndWritesNothing()
    {
        var key = Guid.NewGuid().ToString();
        await _client.SendAsync(Post("/claims", Requests.NewClaim(Requests.Unique()), key)).ExpectAsync<ClaimResponse>(HttpStatusCode.Created);

        var other = await api.WithoutWritesAsync(() => _client.SendAsync(Post("/claims", Requests.NewClaim(Requests.Unique()), key)));
        var elsewhere = await api.WithoutWritesAsync(() => _client.SendAsync(Post("/sources", Requests.Source($"Other {Requests.Unique()}"), key)));

        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await elsewhere.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("/claims", problem.Detail);
    }

    // Rounds of the same create sent at once with one key: the races between the first request finishing and
    // the others looking at its key are narrow, so one round would rarely meet them.
    [Fact]
    public async Task ConcurrentRequests_WithOneKey_RecordOneClaim()
    {
        const int rounds = 15, concurrent = 12;
        var before = await api.RowCountsAsync();
        var replayed = 0;

        for (var round = 0; round < rounds; round++)
        {
            var suffix = Requests.Unique();
            var body = Requests.NewClaim(suffix);
            var key = Guid.NewGuid().ToString();

            var responses = await Task.WhenAll(Enumerable.Range(0, concurrent).Select(_ => _client.SendAsync(Post("/claims", body, key))));

            foreach (var response in responses) await response.AssertStatusAsync(HttpStatusCode.Created);
            var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadAsync<ClaimResponse>()).Id));
            Assert.Single(ids.Distinct());
            Assert.Equal(concurrent - 1, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
            var found = System.Text.Json.Nodes.JsonNode.Parse(await _client.GetStringAsync($"/claims?q={suffix}"))!;
            Assert.Equal(1, (int)found["total"]!);
            replayed += concurrent - 1;
        }

        var after = await api.RowCountsAsync();
        Assert.Equal(before["claims"] + rounds, after["claims"]);
        Assert.Equal(before["reports"] + rounds, after["reports"]);
        output.WriteLine($"{rounds} rounds of {concurrent} concurrent requests with one key each: {after["claims"] - before["claims"]} claims, {replayed} replayed answers");
        await Guarantees.RecordAsync($"retry: rounds={rounds} concurrent={concurrent} requests={rounds * concurrent} created={after["claims"] - before["claims"]} replayed={replayed}");
    }

    [Fact]
    public async Task RefusedRequest_LeavesTheKeyFreeForTheCorrectedOne()
    {
        var key = Guid.NewGuid().ToString();
        var bad = await _client.SendAsync(Post("/sources", new { name = "", kind = "outlet" }, key));
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "name");

        var good = await _client.SendAsync(Post("/sources", Requests.Source($"Corrected {Requests.Unique()}"), key));

        await good.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Keys_BelongToTheirCaller()
    {
        var key = Guid.NewGuid().ToString();
        var body = Requests.NewClaim(Requests.Unique());
        var other = await api.ClientAsync(Role.Editor);

        var mine = await _client.SendAsync(Post("/claims", body, key)).ExpectAsync<ClaimResponse>(HttpStatusCode.Created);
        var theirs = await other.SendAsync(Post("/claims", body, key));

        // Not my answer replayed (201): their request ran, and found my claim already stating it.
        await theirs.AssertStatusAsync(HttpStatusCode.Conflict);
        Assert.Equal(mine.Id.ToString(), System.Text.Json.Nodes.JsonNode.Parse(await theirs.Content.ReadAsStringAsync())!["existingId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task InvalidKey_Returns400AndWritesNothing(string key)
    {
        var request = Post("/claims", Requests.NewClaim(Requests.Unique()), null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await api.WithoutWritesAsync(() => _client.SendAsync(request));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TooLongKey_Returns400()
    {
        var response = await _client.SendAsync(Post("/claims", Requests.NewClaim(Requests.Unique()), new string('k', 256)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Import_RetriedWithItsKey_IsLoadedOnce()
    {
        var tag = Requests.Unique();
        var file = $$"""{"source": "Importer {{tag}}", "claim": "Imported claim {{tag}}", "polarity": "affirms"}""" + "\n";
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = new StringContent(file, System.Text.Encoding.UTF8, "application/x-ndjson") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await _client.SendAsync(Send());
        await first.AssertStatusAsync(HttpStatusCode.Created);
        var retry = await api.WithoutWritesAsync(() => _client.SendAsync(Send()));

        await retry.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RefusedImport_RetriedWithItsKey_GetsTheSameRefusalAndIsRecordedOnce()
    {
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = new StringContent("not json\n", System.Text.Encoding.UTF8, "application/x-ndjson") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await _client.SendAsync(Send());
        await first.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "line 1");
        var retry = await api.WithoutWritesAsync(() => _client.SendAsync(Send()));

        await retry.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "line 1");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Get_AnswersTheVersionAsETag()
    {
        var claim = await _client.RecordClaimAsync(Requests.NewClaim(Requests.Unique()));

        var response = await _client.GetAsync($"/claims/{claim.Id}");

        Assert.Equal($"\"{claim.Version}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Update_WithAStaleIfMatch_Returns412AndWritesNothing()
    {
        var source = await _client.CreateSourceAsync(Requests.Source($"Etag outlet {Requests.Unique()}"));
        var etag = (await _client.GetAsync($"/sources/{source.Slug}")).Headers.ETag!;
        var update = new { name = source.Name + " renamed", kind = "outlet" };

        var first = await _client.SendAsync(Put($"/sources/{source.Id}", update, etag.Tag));
        await first.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal($"\"{source.Version + 1}\"", first.Headers.ETag?.Tag);

        var stale = await api.WithoutWritesAsync(() => _client.SendAsync(Put($"/sources/{source.Id}", update, etag.Tag)));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Resolve_WithIfMatchInsteadOfVersion_Works()
    {
        var claim = await _client.RecordClaimAsync(Requests.NewClaim(Requests.Unique()));

        var resolve = Post($"/claims/{claim.Id}/resolution", new { resolution = "true", reason = "Confirmed." }, null);
        resolve.Headers.TryAddWithoutValidation("If-Match", $"\"{claim.Version}\"");
        var resolved = await _client.SendAsync(resolve);

        await resolved.AssertStatusAsync(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/claims/{claim.Id}/reopen")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { reason = "Second thoughts." }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{claim.Version}\"");
        await (await _client.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("3")]
    [InlineData("\"x\"")]
    [InlineData("\"1\", \"2\"")]
    public async Task Update_WithAnUnusableIfMatch_Returns400(string ifMatch)
    {
        var source = await _client.CreateSourceAsync(Requests.Source($"Bad etag {Requests.Unique()}"));

        var response = await api.WithoutWritesAsync(() => _client.SendAsync(Put($"/sources/{source.Id}", new { name = "Renamed", kind = "outlet" }, ifMatch)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Update_WhereIfMatchAndVersionDisagree_Returns400()
    {
        var source = await _client.CreateSourceAsync(Requests.Source($"Disagree {Requests.Unique()}"));

        var response = await _client.SendAsync(Put($"/sources/{source.Id}", new { name = "Renamed", kind = "outlet", version = 7 }, "\"1\""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static HttpRequestMessage Put(string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiFactory.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
