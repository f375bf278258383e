using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

// Importing assertions: what a file creates, in NDJSON and CSV.
public sealed class ImportAssertionsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

    [Fact]
    public async Task Import_Ndjson_CreatesSourcesQuestionsClaimsAndAssertions()
    {
        var tag = Unique();
        var yonhap = await _client.CreateSourceAsync(Source($"Yonhap {tag}", "wire_agency", slug: $"yonhap-{tag}"));
        var file = Ndjson(
            new { source = yonhap.Slug, question = $"meeting-place-{tag}", claim = $"Kim and Putin meet in Vladivostok {tag}", polarity = "affirms", confidence = 0.8, time = "2023-09-11T08:00:00+09:00" },
            new { source = $"Tokyo Shimbun {tag}", question = $"meeting-place-{tag}", claim = $"Kim and Putin meet at Vostochny {tag}", polarity = "denies", time = "2023-09-12T00:00:00Z" },
            new { source = $"Tokyo Shimbun {tag}", question = $"meeting-place-{tag}", claim = $"Kim and Putin meet in Vladivostok {tag}", polarity = "affirms", time = "2023-09-10T12:00:00Z" },
            new { source = $"Tokyo Shimbun {tag}", claim = $"Kim's train has left Pyongyang {tag}", polarity = "affirms" });

        var response = await _client.PostAsync($"/imports?name=korea-{tag}.ndjson", Body(file, "application/x-ndjson"));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var import = await response.ReadAsync<ImportResponse>();
        Assert.Equal($"/imports/{import.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((ImportStatus.Succeeded, ImportFormat.Ndjson, ErrorPolicy.RejectFile, $"korea-{tag}.ndjson"),
            (import.Status, import.Format, import.ErrorPolicy, import.FileName));
        Assert.Equal((4L, 4L, 0L, 1, 1, 3), (import.LinesRead, import.LinesLoaded, import.LinesRejected, import.NewSources, import.NewQuestions, import.NewClaims));
        Assert.Empty(import.Errors);
        Assert.NotNull(import.FinishedAt);
        Assert.True(import.DurationMs >= 0);
        Assert.Equivalent(import, await _client.GetOkAsync<ImportResponse>($"/imports/{import.Id}"), strict: true);

        var shimbun = (await _client.GetOkAsync<GetSource.Response>($"/sources/tokyo-shimbun-{tag}")).Source;
        Assert.Equal(($"Tokyo Shimbun {tag}", SourceKind.Other), (shimbun.Name, shimbun.Kind));

        var vladivostok = await api.ClaimByStatementAsync(_client, $"Kim and Putin meet in Vladivostok {tag}");
        Assert.Equal((ClaimStatus.Unverified, 1), (vladivostok.Status, vladivostok.Version));
        Assert.Equal(DateTimeOffset.Parse("2023-09-10T12:00:00Z"), vladivostok.FirstReportedAt); // the earliest of its lines
        var history = Assert.Single(vladivostok.History);
        Assert.Equal((null, ClaimStatus.Unverified), (history.From, history.To));
        Assert.Equal($"Imported (import {import.Id}, line 1).", history.Reason);
        var withoutQuestion = await api.ClaimByStatementAsync(_client, $"Kim's train has left Pyongyang {tag}");
        Assert.Equal(import.CreatedAt, withoutQuestion.FirstReportedAt, TimeSpan.FromSeconds(5)); // no time: the import's

        var questions = await api.QueryAsync("SELECT DISTINCT question_id FROM claims WHERE statement LIKE '%' || @tag AND question_id IS NOT NULL", tag);
        Assert.Single(questions);
        var assertions = await api.QueryAsync("""
            SELECT a.line, s.slug, a.polarity, a.stated_confidence, a.asserted_at, c.statement FROM assertions a
            JOIN sources s ON s.id = a.source_id JOIN claims c ON c.id = a.claim_id WHERE a.import_id = @import ORDER BY a.line
            """, import.Id);
        Assert.Equal(
        [
            [1L, yonhap.Slug, "affirms", 0.8, DateTime.Parse("2023-09-10T23:00:00Z").ToUniversalTime(), $"Kim and Putin meet in Vladivostok {tag}"],
            [2L, shimbun.Slug, "denies", null, DateTime.Parse("2023-09-12T00:00:00Z").ToUniversalTime(), $"Kim and Putin meet at Vostochny {tag}"],
            [3L, shimbun.Slug, "affirms", null, DateTime.Parse("2023-09-10T12:00:00Z").ToUniversalTime(), $"Kim and Putin meet in Vladivostok {tag}"],
            [4L, shimbun.Slug, "affirms", null, null, $"Kim's train has left Pyongyang {tag}"],
        ], assertions);
    }

    [Fact]
    public async Task Import_Csv_ReadsColumnsInAnyOrderAndQuotedFields()
    {
        var tag = Unique();
        var statement = $"The train, \"armoured\", left\nPyongyang {tag}";
        var file = $"""
            Polarity,claim,source,confidence,time,question
            affirms,"The train, ""armoured"", left
            Pyongyang {tag}",NK News {tag},0.7,2023-09-11T08:00:00Z,
            denies,Putin waits in Vladivostok {tag},NK News {tag},,,where-{tag}

            affirms,"Putin waits in Vladivostok {tag}",Daily NK {tag},1,,where-{tag}
            """;

        var import = await _client.PostAsync("/imports", Body(file.Replace("\r\n", "\n"), "text/csv"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((ImportFormat.Csv, 3L, 3L, 2, 1, 2), (import.Format, import.LinesLoaded, import.LinesRead, import.NewSources, import.NewQuestions, import.NewClaims));
        var claim = await api.ClaimByStatementAsync(_client, statement);
        Assert.Equal(DateTimeOffset.Parse("2023-09-11T08:00:00Z"), claim.FirstReportedAt);
        var lines = await api.QueryAsync("SELECT line, stated_confidence FROM assertions WHERE import_id = @import ORDER BY line", import.Id);
        Assert.Equal([[2L, 0.7], [4L, null], [6L, 1.0]], lines); // numbered by physical line; the header is line 1
    }

    [Fact]
    public async Task Import_HedgeWords_GiveTheStatedConfidenceAReportWouldGet()
    {
        var tag = Unique();
        var report = await _client.RecordClaimAsync(Claim($"Reference claim {tag}",
            Report(Article($"https://news.test/{tag}", Inline($"Outlet {tag}", "outlet")), quote: "Kim's train left.", hedgeWords: ["appears", "reportedly"])));
        var expected = report.Reports[0].StatedConfidence;
        Assert.NotNull(expected);
        var file = Ndjson(
            new { source = $"Outlet {tag}", claim = $"Hedged {tag}", polarity = "affirms", hedgeWords = new[] { "appears", "reportedly" } },
            new { source = $"Outlet {tag}", claim = $"Given {tag}", polarity = "affirms", confidence = 0.3, hedgeWords = new[] { "appears" } },
            new { source = $"Outlet {tag}", claim = $"Unknown hedge {tag}", polarity = "affirms", hedgeWords = new[] { "zorbles" } });
        var csv = $"source,claim,polarity,hedgeWords\nOutlet {tag},Hedged in CSV {tag},affirms, appears ; reportedly \n";

        var ndjson = await _client.PostAsync("/imports", Body(file, "application/jsonl")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var fromCsv = await _client.PostAsync("/imports", Body(csv, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal(0, ndjson.NewSources); // the name of the source the report created
        var rows = await api.QueryAsync("SELECT stated_confidence, hedge_words FROM assertions WHERE import_id = @import ORDER BY line", ndjson.Id);
        Assert.Equal([[expected, new[] { "appears", "reportedly" }], [0.3, new[] { "appears" }], [null, new[] { "zorbles" }]], rows);
        Assert.Equal([[expected, new[] { "appears", "reportedly" }]],
            await api.QueryAsync("SELECT stated_confidence, hedge_words FROM assertions WHERE import_id = @import", fromCsv.Id));
    }
}
