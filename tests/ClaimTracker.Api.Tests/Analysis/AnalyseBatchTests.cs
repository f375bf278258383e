using System.Net;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Analysis;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Api.Tests.Platform;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Tests.Analysis;

// The production rate limits, so that a 10,000-line batch is shown to fit them, and small batch limits to reach them.
public sealed class BatchApiFactory : ApiFactory
{
    public const int MaxLines = 10_000;
    public const long MaxBatchBytes = 4L * 1024 * 1024;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{RateLimitOptions.Section}:PerKeyPerMinute"] = new RateLimitOptions().PerKeyPerMinute.ToString(),
        [$"{RateLimitOptions.Section}:PerAddressPerMinute"] = new RateLimitOptions().PerAddressPerMinute.ToString(),
        [$"{AnalyseBatch.Options.Section}:MaxLines"] = MaxLines.ToString(),
        [$"{AnalyseBatch.Options.Section}:MaxBodyBytes"] = MaxBatchBytes.ToString(),
    };
}

// Reading many texts in one request: POST /analysis/batch answers every line, in order, as POST /analysis would.
public sealed class AnalyseBatchTests(BatchApiFactory api, SmallRateLimitApiFactory limited)
    : IClassFixture<BatchApiFactory>, IClassFixture<SmallRateLimitApiFactory>
{
    private const string Hedged = "Officials said the talks may resume next week.";

    // Sentences of the kinds news carries, varied by the line's number so that no two lines are the same text.
    private static string Sentence(int i) => (i % 4) switch
    {
        0 => $"Officials said the talks may resume in week {i}.",
        1 => $"The ministry confirmed that {i} workers were evacuated on Tuesday.",
        2 => $"According to analysts, the deal is likely to be signed before meeting {i}.",
        _ => $"The bridge over river {i} was opened in 1998.",
    };

    private static string Ndjson(IEnumerable<object> lines) => string.Join('\n', lines.Select(l => JsonSerializer.Serialize(l))) + "\n";

    private static StringContent Body(string ndjson, string contentType = AnalyseBatch.NdjsonMediaType)
    {
        var content = new StringContent(ndjson, new UTF8Encoding(false));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static async Task<List<AnalyseBatch.Answer>> AnswersAsync(HttpResponseMessage response)
    {
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(AnalyseBatch.NdjsonMediaType, response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<AnalyseBatch.Answer>(line, ApiFactory.Json)!)
            .ToList();
    }

    [Fact]
    public async Task AnalyseBatch_TenThousandLines_AnswersEveryLineInOrderInOneRequest()
    {
        var reader = await api.ClientAsync(Role.Reader);
        var lines = Enumerable.Range(1, BatchApiFactory.MaxLines).Select(i => new { id = $"s{i}", text = Sentence(i) }).ToList();

        var response = await api.WithoutWritesAsync(() => reader.PostAsync("/analysis/batch", Body(Ndjson(lines))));

        var answers = await AnswersAsync(response);
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), answers.Select(a => a.Line));
        Assert.Equal(lines.Select(l => l.id), answers.Select(a => a.Id?.GetString()));
        Assert.All(answers, a => Assert.Null(a.Error));
        Assert.All(answers, a => Assert.Equal(1, a.Analysis!.Summary.Sentences));
        // Every fourth line is the same kind of sentence, and read as such.
        Assert.Equal(lines.Count / 4, answers.Count(a => a.Analysis!.Sentences[0].Kind == SentenceKind.Background));
        foreach (var i in new[] { 1, 2, 3, 4, 5_000, 9_999 })
        {
            var single = await (await reader.PostRawAsync("/analysis", Sentence(i), "text/plain")).ReadAsync<AnalysisResponse>();
            Assert.Equivalent(single, answers[i - 1].Analysis, strict: true);
        }
    }

    [Fact]
    public async Task AnalyseBatch_BadLinesInTheMiddle_GetLineErrorsAndTheLinesAfterThemAreAnalysed()
    {
        var body = string.Join('\n',
            JsonSerializer.Serialize(new { id = "first", text = Hedged }),
            "{\"id\": \"broken\", \"text\": \"unterminated", // the id of a line that is not JSON cannot be read
            "",
            JsonSerializer.Serialize(new { id = "no-text" }),
            JsonSerializer.Serialize(new { id = "long", text = new string('a', AnalyseText.MaxTextLength + 1) }),
            JsonSerializer.Serialize(new { id = "french", text = "Le train semble être parti.", language = "fr" }),
            JsonSerializer.Serialize(new { id = "typo", txt = Hedged }),
            "[1, 2, 3]",
            JsonSerializer.Serialize(new { id = 42, text = Hedged, publisher = "NDTV" }),
            JsonSerializer.Serialize(new { id = "last", text = "The bridge was opened in 1998." }));

        var answers = await AnswersAsync(await api.CreateClient().PostAsync("/analysis/batch", Body(body)));

        Assert.Equal([1L, 2, 4, 5, 6, 7, 8, 9, 10], answers.Select(a => a.Line));
        Assert.Equal(
            ["first:", ":text", "no-text:text", "long:text", "french:language", "typo:txt", ":line", "42:", "last:"],
            answers.Select(a => $"{a.Id?.ToString()}:{a.Error?.Field}"));
        Assert.All(answers.Where(a => a.Error is not null), a => Assert.Null(a.Analysis));
        Assert.Equal(SentenceKind.HedgedClaim, answers[0].Analysis!.Sentences[0].Kind);
        Assert.Equal("NDTV", answers[7].Analysis!.Sentences[0].Clauses[0].Chain[^1].Name);
        Assert.Equal(SentenceKind.Background, answers[8].Analysis!.Sentences[0].Kind);
    }

    [Fact]
    public async Task AnalyseBatch_ALineOverOneMebibyte_IsSkippedToItsEnd_AndTheNextLineIsAnalysed()
    {
        var huge = JsonSerializer.Serialize(new { id = "huge", text = new string('a', BatchBody.MaxLineBytes + 100) });
        var body = string.Join("\r\n", JsonSerializer.Serialize(new { id = "before", text = Hedged }), huge, JsonSerializer.Serialize(new { id = "after", text = Hedged }));

        var answers = await AnswersAsync(await api.CreateClient().PostAsync("/analysis/batch", Body(body)));

        Assert.Equal(["1:before:", "2::line", "3:after:"], answers.Select(a => $"{a.Line}:{a.Id?.ToString()}:{a.Error?.Field}"));
        Assert.Equal(SentenceKind.HedgedClaim, answers[2].Analysis!.Sentences[0].Kind);
    }

    [Fact]
    public async Task AnalyseBatch_AnIdThatEscapesHalfASurrogatePair_IsALineErrorNotAFailure()
    {
        var body = string.Join('\n', """{"id": "\ud800", "text": "Officials said it may rain."}""", """{"id": "\ud800", "text": """, JsonSerializer.Serialize(new { id = "after", text = Hedged }));

        var answers = await AnswersAsync(await api.CreateClient().PostAsync("/analysis/batch", Body(body)));

        Assert.Equal(["1::id", "2::text", "3:after:"], answers.Select(a => $"{a.Line}:{a.Id?.ToString()}:{a.Error?.Field}"));
    }

    [Fact]
    public async Task AnalyseBatch_EachAnswer_CarriesTheModelsUncertaintyAsPostAnalysisDoes()
    {
        var lines = new[] { new { id = "plain", text = "The bridge opened in 1932." }, new { id = "weasel", text = "Some critics argue that the policy failed." } };

        var answers = await AnswersAsync(await api.CreateClient().PostAsync("/analysis/batch", Body(Ndjson(lines))));

        var single = await (await api.CreateClient().PostJsonAsync("/analysis", new { text = lines[1].text })).ReadAsync<AnalysisResponse>();
        Assert.Equal([false, true], answers.Select(a => a.Analysis!.Sentences[0].Uncertain));
        Assert.Equal(single.Sentences[0].Uncertainty, answers[1].Analysis!.Sentences[0].Uncertainty);
        Assert.NotEmpty(answers[1].Analysis!.Sentences[0].Explanation);
    }

    [Fact]
    public async Task AnalyseBatch_QueryParameters_AreTheDefaultsOfLinesThatDoNotSayOtherwise()
    {
        var body = Ndjson([new { text = Hedged }, new { text = Hedged, publisher = "Yonhap" }, new { text = Hedged, language = "fr" }]);

        var answers = await AnswersAsync(await api.CreateClient().PostAsync("/analysis/batch?publisher=NDTV&language=en", Body(body)));

        Assert.Equal(["NDTV", "Yonhap"], answers.Take(2).Select(a => a.Analysis!.Sentences[0].Clauses[0].Chain[^1].Name));
        Assert.Equal("language", answers[2].Error?.Field);
    }

    [Fact]
    public async Task AnalyseBatch_OneLineOverTheLineLimit_EndsWithAnErrorForTheBody()
    {
        var lines = Enumerable.Range(1, BatchApiFactory.MaxLines + 2).Select(i => new { id = $"s{i}", text = Sentence(i) });

        var answers = await AnswersAsync(await (await api.ClientAsync(Role.Reader)).PostAsync("/analysis/batch", Body(Ndjson(lines))));

        Assert.Equal(BatchApiFactory.MaxLines + 1, answers.Count);
        Assert.All(answers.Take(BatchApiFactory.MaxLines), a => Assert.NotNull(a.Analysis));
        Assert.Equal((BatchApiFactory.MaxLines + 1L, "body"), (answers[^1].Line, answers[^1].Error?.Field));
    }

    [Fact]
    public async Task AnalyseBatch_OverTheBodyLimit_Returns413()
    {
        var lines = Enumerable.Range(1, 60_000).Select(i => new { id = $"s{i}", text = Sentence(i) });
        var body = Ndjson(lines);
        Assert.True(Encoding.UTF8.GetByteCount(body) > BatchApiFactory.MaxBatchBytes);

        var response = await api.CreateClient().PostAsync("/analysis/batch", Body(body));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AnalyseBatch_GoingOverTheBodyLimitOnceAnswersHaveBegun_EndsWithAnErrorForTheBody()
    {
        var first = Encoding.UTF8.GetBytes(Ndjson(Enumerable.Range(1, 10).Select(i => new { id = $"s{i}", text = Sentence(i) })));
        var filler = Encoding.UTF8.GetBytes(Ndjson([new { id = "filler", text = new string('a', 90_000) }]));
        var content = new StreamingContent(async stream =>
        {
            await stream.WriteAsync(first);
            await stream.FlushAsync();
            for (var sent = 0L; sent <= BatchApiFactory.MaxBatchBytes; sent += filler.Length) await stream.WriteAsync(filler);
        }, AnalyseBatch.NdjsonMediaType);

        var answers = await AnswersAsync(await api.ImportClient().PostAsync("/analysis/batch", content));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"s{i}"), answers.Take(10).Select(a => a.Id?.GetString()));
        Assert.Equal("body", answers[^1].Error?.Field);
        Assert.Contains("limit", answers[^1].Error!.Detail);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("not a language")]
    public async Task AnalyseBatch_InALanguageWithoutLexicon_Returns400NamingTheLanguage(string language)
    {
        var response = await api.CreateClient().PostAsync($"/analysis/batch?language={Uri.EscapeDataString(language)}", Body(Ndjson([new { text = Hedged }])));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "language");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson; charset=latin1")]
    public async Task AnalyseBatch_OtherContentTypes_Return415(string contentType)
    {
        var response = await api.CreateClient().PostAsync("/analysis/batch", Body(Ndjson([new { text = Hedged }]), contentType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \r\n")]
    public async Task AnalyseBatch_EmptyBody_Returns400(string body)
    {
        var response = await api.CreateClient().PostAsync("/analysis/batch", Body(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task AnalyseBatch_Anonymous_IsAnsweredAsPostAnalysisAnswersAnonymousCallers()
    {
        var anonymous = api.AnonymousClient();

        var single = await anonymous.PostRawAsync("/analysis", Hedged, "text/plain");
        var batch = await anonymous.PostAsync("/analysis/batch", Body(Ndjson([new { text = Hedged }])));

        Assert.Equal(HttpStatusCode.Unauthorized, single.StatusCode);
        await batch.AssertProblemAsync(single.StatusCode);
    }

    [Fact]
    public async Task AnalyseBatch_LargerThanTheKeysAllowance_IsSlowedNotCutOff_AndSpendsTheAllowance()
    {
        var reader = await limited.ClientAsync(Role.Reader);
        var other = await limited.ClientAsync(Role.Reader);
        var lines = 2 * SmallRateLimitApiFactory.PerKey * AnalyseBatch.LinesPerPermit;

        var answers = await AnswersAsync(await reader.PostAsync("/analysis/batch",
            Body(Ndjson(Enumerable.Range(1, lines).Select(i => new { text = Sentence(i) })))));

        Assert.Equal(lines, answers.Count(a => a.Analysis is not null));
        // The bucket is empty when the batch ends; one permit may come back before the next call, not two.
        var next = new[] { await reader.GetAsync("/sources"), await reader.GetAsync("/sources") };
        Assert.Contains(HttpStatusCode.TooManyRequests, next.Select(r => r.StatusCode));
        await (await other.GetAsync("/sources")).AssertStatusAsync(HttpStatusCode.OK);
    }
}
