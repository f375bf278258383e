using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit.Abstractions;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests;

public sealed class ImportTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    // The test client's redirect handler would read a whole body before sending it; these requests must stream.
    private readonly HttpClient _client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

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

        var vladivostok = await ClaimAsync($"Kim and Putin meet in Vladivostok {tag}");
        Assert.Equal((ClaimStatus.Unverified, 1), (vladivostok.Status, vladivostok.Version));
        Assert.Equal(DateTimeOffset.Parse("2023-09-10T12:00:00Z"), vladivostok.FirstReportedAt); // the earliest of its lines
        var history = Assert.Single(vladivostok.History);
        Assert.Equal((null, ClaimStatus.Unverified), (history.From, history.To));
        Assert.Equal($"Imported (import {import.Id}, line 1).", history.Reason);
        var withoutQuestion = await ClaimAsync($"Kim's train has left Pyongyang {tag}");
        Assert.Equal(import.CreatedAt, withoutQuestion.FirstReportedAt, TimeSpan.FromSeconds(5)); // no time: the import's

        var questions = await QueryAsync("SELECT DISTINCT question_id FROM claims WHERE statement LIKE '%' || @tag AND question_id IS NOT NULL", tag);
        Assert.Single(questions);
        var assertions = await QueryAsync("""
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
        var claim = await ClaimAsync(statement);
        Assert.Equal(DateTimeOffset.Parse("2023-09-11T08:00:00Z"), claim.FirstReportedAt);
        var lines = await QueryAsync("SELECT line, stated_confidence FROM assertions WHERE import_id = @import ORDER BY line", import.Id);
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
        var rows = await QueryAsync("SELECT stated_confidence, hedge_words FROM assertions WHERE import_id = @import ORDER BY line", ndjson.Id);
        Assert.Equal([[expected, new[] { "appears", "reportedly" }], [0.3, new[] { "appears" }], [null, new[] { "zorbles" }]], rows);
        Assert.Equal([[expected, new[] { "appears", "reportedly" }]],
            await QueryAsync("SELECT stated_confidence, hedge_words FROM assertions WHERE import_id = @import", fromCsv.Id));
    }

    [Fact]
    public async Task Import_RejectFile_WithOneBadLine_WritesNothingAndReportsTheLine()
    {
        var tag = Unique();
        var file = Ndjson(
            new { source = $"Rejected source {tag}", question = $"q-{tag}", claim = $"Rejected claim {tag}", polarity = "affirms" },
            new { source = $"Rejected source {tag}", claim = $"Rejected claim 2 {tag}", polarity = "maybe" },
            new { source = $"Rejected source {tag}", claim = $"Rejected claim 3 {tag}", polarity = "denies", resolution = "true" });
        var before = await api.RowCountsAsync();

        var response = await _client.PostAsync($"/imports?errors=reject_file&name=rejected-{tag}", Body(file, "application/x-ndjson"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "line 2");
        Assert.Equal(["'polarity' is one of affirms, denies."], problem.Errors["line 2"]);
        Assert.Single(problem.Errors);
        var importId = ((JsonElement)problem.Extensions["importId"]!).GetGuid();
        Assert.Equal($"/imports/{importId}", problem.Instance);
        var after = await api.RowCountsAsync();
        Assert.Equal(before["imports"] + 1, after["imports"]);
        Assert.Equal(before.Where(t => !ImportCalls.EventTables.Contains(t.Key)), after.Where(t => !ImportCalls.EventTables.Contains(t.Key)));

        var import = await _client.GetOkAsync<ImportResponse>($"/imports/{importId}");
        Assert.Equal((ImportStatus.Failed, 3L, 0L, 1L, 0, 0, 0),
            (import.Status, import.LinesRead, import.LinesLoaded, import.LinesRejected, import.NewSources, import.NewQuestions, import.NewClaims));
        Assert.Equal([new ImportResponse.LineErrorItem(2, "'polarity' is one of affirms, denies.")], import.Errors);
        Assert.Contains("nothing was loaded", import.Error);
    }

    [Fact]
    public async Task Import_SkipLine_LoadsTheGoodLinesAndListsTheBad()
    {
        var tag = Unique();
        var good = JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = $"Skip claim {tag}", polarity = "affirms" });
        string[] lines =
        [
            good,
            "{\"source\": \"x\", \"claim\": ",
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", polarity = "affirms" }),
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = $"c {tag}", polarity = "affirm" }),
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = $"c {tag}", polarity = "denies", confidence = 1.5 }),
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = $"c {tag}", polarity = "denies", time = "2023-09-11T08:00:00" }),
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = new string('x', Features.Claims.Claim.MaxStatementLength + 1), polarity = "denies" }),
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = $"nul \0 {tag}", polarity = "denies" }),
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = $"c {tag}", polarity = "denies", stance = "confirms" }),
            JsonSerializer.Serialize(new { source = $"Skip source {tag}", claim = $"c {tag}", polarity = "denies", confidence = "0.5" }),
            "[1, 2]",
            "",
            good,
        ];

        var import = await _client.PostAsync("/imports?errors=skip_line", Body(string.Join('\n', lines), "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((ImportStatus.Succeeded, ErrorPolicy.SkipLine, 12L, 2L, 10L, 1, 1),
            (import.Status, import.ErrorPolicy, import.LinesRead, import.LinesLoaded, import.LinesRejected, import.NewSources, import.NewClaims));
        Assert.Equal([2L, 3, 4, 5, 6, 7, 8, 9, 10, 11], import.Errors.Select(e => e.Line));
        var reasons = import.Errors.ToDictionary(e => e.Line, e => e.Reason);
        Assert.StartsWith("Not valid JSON", reasons[2]);
        Assert.Equal("'claim' is required.", reasons[3]);
        Assert.Equal("'polarity' is one of affirms, denies.", reasons[4]);
        Assert.Equal("'confidence' is a probability between 0 and 1.", reasons[5]);
        Assert.Contains("offset", reasons[6]);
        Assert.Equal($"'claim' is longer than {Features.Claims.Claim.MaxStatementLength} characters.", reasons[7]);
        Assert.Contains("NUL", reasons[8]);
        Assert.StartsWith("'stance' is not a field of an assertion", reasons[9]);
        Assert.Equal("'confidence' is a probability between 0 and 1.", reasons[10]);
        Assert.StartsWith("A line is one JSON object", reasons[11]);
        Assert.Equal([[1L], [13L]], await QueryAsync("SELECT line FROM assertions WHERE import_id = @import ORDER BY line", import.Id));
    }

    [Fact]
    public async Task Import_CsvLineErrors_NameTheLineAndTheReason()
    {
        var tag = Unique();
        var file = $"source,claim,polarity,time\n"
            + $"A {tag},Fine {tag},affirms,2023-09-11T08:00:00Z\n"
            + $"A {tag},Too,many,fields,here\n"
            + $"A {tag},\"Quoted\"trailing,affirms,\n"
            + $"A {tag},Late {tag},affirms,1066-10-14T09:00:00Z\n"
            + "lonely\n"
            + $"A {tag},\"Unclosed {tag},affirms,";

        var import = await _client.PostAsync("/imports?errors=skip_line", Body(file, "text/csv; charset=utf-8"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((6L, 1L, 5L), (import.LinesRead, import.LinesLoaded, import.LinesRejected));
        Assert.Equal(
        [
            new(3, "The line has 5 fields; the header has 4."),
            new(4, "A quoted field must end at a comma or at the end of the line."),
            new(5, $"'time': {Dates.PlausibleRule}"),
            new(6, "The line has 1 field; the header has 4."),
            new(7, "A quoted field has no closing quote."),
        ], import.Errors);
    }

    [Theory]
    [InlineData("application/x-ndjson", "{\"source\": \"A\", \"claim\": \"B\", \"polarity\": \"affirms\"}\n{\"source\": \"A\", \"claim\": \"B#\", \"polarity\": \"affirms\"}\n")]
    [InlineData("text/csv", "source,claim,polarity\nA,B,affirms\nA,B#,affirms\n")]
    public async Task Import_InvalidUtf8_IsALineError(string contentType, string text)
    {
        var tag = Unique();
        var bytes = Encoding.UTF8.GetBytes(text.Replace("A", $"A {tag}").Replace("B", $"B {tag}"))
            .Select(b => b == (byte)'#' ? (byte)0xFF : b).ToArray();

        var import = await _client.PostAsync("/imports?errors=skip_line", new ByteArrayContent(bytes) { Headers = { ContentType = new(contentType) } })
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal(1L, import.LinesLoaded);
        var error = Assert.Single(import.Errors);
        Assert.Equal(contentType == "text/csv" ? 3 : 2, error.Line);
        Assert.Contains("UTF-8", error.Reason);
    }

    [Fact]
    public async Task Import_SameFileTwice_AppendsItsAssertionsAndReusesSourcesQuestionsAndClaims()
    {
        var file = ImportFiles.Csv(lines: 50, claims: 10, sources: 3, tag: Unique());

        var first = await _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var second = await _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((50L, 3, 2, 10), (first.LinesLoaded, first.NewSources, first.NewQuestions, first.NewClaims));
        Assert.Equal((50L, 0, 0, 0), (second.LinesLoaded, second.NewSources, second.NewQuestions, second.NewClaims));
        var perImport = await QueryAsync("""
            SELECT count(*), count(DISTINCT claim_id), count(DISTINCT source_id) FROM assertions WHERE import_id = ANY (@import) GROUP BY import_id
            """, new[] { first.Id, second.Id });
        Assert.Equal([[50L, 10L, 3L], [50L, 10L, 3L]], perImport);
        Assert.Equal([[10L]], await QueryAsync("SELECT count(DISTINCT claim_id) FROM assertions WHERE import_id = ANY (@import)", new[] { first.Id, second.Id }));
    }

    [Fact]
    public async Task Import_SourceNamedBySlugNameOrAlias_IsTheExistingSource()
    {
        var tag = Unique();
        var yonhap = await _client.CreateSourceAsync(Source($"Yonhap News Agency {tag}", "wire_agency", slug: $"yonhap-{tag}", aliases: [$"Yonhap-alias {tag}"]));
        var derived = await _client.CreateSourceAsync(Source($"Korea Herald {tag}"));
        var file = Ndjson(
            new { source = yonhap.Slug, claim = $"By slug {tag}", polarity = "affirms" },
            new { source = $"YONHAP NEWS AGENCY {tag}", claim = $"By name {tag}", polarity = "affirms" },
            new { source = $"yonhap-ALIAS {tag}", claim = $"By alias {tag}", polarity = "affirms" },
            new { source = $"Korea  Herald {tag}!", claim = $"By derived slug {tag}", polarity = "affirms" },
            new { source = $"Société Générale {tag}", claim = $"New {tag}", polarity = "affirms" },
            new { source = $"societe generale {tag}", claim = $"New again {tag}", polarity = "affirms" });

        var import = await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal(1, import.NewSources);
        var sources = await QueryAsync("SELECT s.slug FROM assertions a JOIN sources s ON s.id = a.source_id WHERE a.import_id = @import ORDER BY a.line", import.Id);
        Assert.Equal([[yonhap.Slug], [yonhap.Slug], [yonhap.Slug], [derived.Slug], [$"societe-generale-{tag}"], [$"societe-generale-{tag}"]], sources);
        var created = (await _client.GetOkAsync<GetSource.Response>($"/sources/societe-generale-{tag}")).Source;
        Assert.Equal(($"Société Générale {tag}", SourceKind.Other), (created.Name, created.Kind)); // named by its first line
    }

    [Fact]
    public async Task Import_Claims_AreMatchedByStatementWithinTheirQuestion()
    {
        var tag = Unique();
        var recorded = await _client.RecordClaimAsync(NewClaim(tag, statement: $"Kim meets Putin {tag}"));
        var file = Ndjson(
            new { source = $"S {tag}", claim = $"Kim meets Putin {tag}", polarity = "affirms" },
            new { source = $"S {tag}", question = $"where-{tag}", claim = $"Kim meets Putin {tag}", polarity = "affirms" },
            new { source = $"S {tag}", question = $"when-{tag}", claim = $"Kim meets Putin {tag}", polarity = "affirms" },
            new { source = $"S {tag}", question = $"where-{tag}", claim = $"  Kim meets Putin {tag}  ", polarity = "denies" });

        var import = await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((2, 2), (import.NewQuestions, import.NewClaims));
        var claims = await QueryAsync("""
            SELECT a.line, a.claim_id = @claim, q.key FROM assertions a JOIN claims c ON c.id = a.claim_id
            LEFT JOIN questions q ON q.id = c.question_id WHERE a.import_id = @import ORDER BY a.line
            """, recorded.Id, import.Id);
        Assert.Equal([[1L, true, null], [2L, false, $"where-{tag}"], [3L, false, $"when-{tag}"], [4L, false, $"where-{tag}"]], claims);
        Assert.Equal([[1L]], await QueryAsync("SELECT count(DISTINCT claim_id) FROM assertions WHERE import_id = @import AND line IN (2, 4)", import.Id));
    }

    [Fact]
    public async Task Import_Resolution_ResolvesTheClaimWithAHistoryEntry()
    {
        var tag = Unique();
        var existing = await _client.RecordClaimAsync(NewClaim(tag, statement: $"The train is in Russia {tag}"));
        var alreadyFalse = await _client.ResolveAsync(await _client.RecordClaimAsync(NewClaim(tag, statement: $"Kim flew {tag}")), "false");
        var file = Ndjson(
            new { source = $"KCNA {tag}", claim = $"The train is in Russia {tag}", polarity = "affirms", resolution = "true" },
            new { source = $"KCNA {tag}", claim = $"Kim stays home {tag}", polarity = "denies", resolution = "false" },
            new { source = $"KCNA {tag}", claim = $"Kim stays home {tag}", polarity = "denies" },
            new { source = $"KCNA {tag}", claim = $"Kim flew {tag}", polarity = "denies", resolution = "false" });

        var import = await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var resolved = await _client.GetClaimAsync(existing.Id);
        Assert.Equal((ClaimStatus.True, existing.Version + 1), (resolved.Status, resolved.Version));
        Assert.Equal((ClaimStatus.Unverified, ClaimStatus.True, $"Resolved as 'true' by import {import.Id}, line 1."),
            (resolved.History[^1].From, resolved.History[^1].To, resolved.History[^1].Reason));
        var created = await ClaimAsync($"Kim stays home {tag}");
        Assert.Equal((ClaimStatus.False, 2), (created.Status, created.Version));
        Assert.Equal([(null, ClaimStatus.Unverified), (ClaimStatus.Unverified, ClaimStatus.False)],
            created.History.Select(h => (h.From, h.To)));
        var unchanged = await _client.GetClaimAsync(alreadyFalse.Id);
        Assert.Equal((alreadyFalse.Version, alreadyFalse.History.Count), (unchanged.Version, unchanged.History.Count));
    }

    [Fact]
    public async Task Import_ConflictingResolutionsOfOneClaim_AreLineErrors()
    {
        var tag = Unique();
        var file = Ndjson(
            new { source = $"A {tag}", claim = $"Contested {tag}", polarity = "affirms", resolution = "true" },
            new { source = $"B {tag}", claim = $"Other {tag}", polarity = "affirms", resolution = "mixed" },
            new { source = $"B {tag}", claim = $"Contested {tag}", polarity = "denies", resolution = "false" },
            new { source = $"C {tag}", claim = $"Contested {tag}", polarity = "denies", resolution = "true" });

        var rejected = await api.WithoutWritesExceptImportsAsync(() => _client.PostAsync("/imports", Body(file, "application/x-ndjson")));
        var skipped = await _client.PostAsync("/imports?errors=skip_line", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var problem = await rejected.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "line 3");
        Assert.Equal(["'resolution' is 'false', but line 1 resolves the same claim as 'true'."], problem.Errors["line 3"]);
        Assert.Equal((4L, 3L, 1L), (skipped.LinesRead, skipped.LinesLoaded, skipped.LinesRejected));
        Assert.Equal(ClaimStatus.True, (await ClaimAsync($"Contested {tag}")).Status);
    }

    [Fact]
    public async Task Import_WhileTheFileStreams_ShowsItsProgress()
    {
        var tag = Unique();
        var name = $"progress-{tag}.csv";
        ListImports.Item? seen = null;
        var content = new StreamingContent(async stream =>
        {
            var lines = ImportFiles.CsvLines(lines: 30_000, claims: 3_001, sources: 50, tag).Prepend(ImportFiles.CsvHeader).ToList();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(25_001)) + "\n"));
            await stream.FlushAsync();
            seen = await ImportCalls.WaitForAsync(_client, name, i => i.LinesRead >= 20_000);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(25_001)) + "\n"));
        }, "text/csv");

        var import = await _client.PostAsync($"/imports?name={name}", content).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.NotNull(seen);
        Assert.Equal(ImportStatus.Receiving, seen.Status);
        Assert.Equal(import.Id, seen.Id);
        Assert.Equal((30_000L, 30_000L, 3_001), (import.LinesRead, import.LinesLoaded, import.NewClaims));
    }

    [Fact]
    public async Task Import_TwoFilesAtOnce_CreateEachNewClaimOnce()
    {
        var file = ImportFiles.Csv(lines: 2_000, claims: 401, sources: 20, tag: Unique());

        var imports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created)));

        Assert.Equal((401, 20), (imports.Sum(i => i.NewClaims), imports.Sum(i => i.NewSources)));
        Assert.Equal([[4_000L, 401L]], await QueryAsync(
            "SELECT count(*), count(DISTINCT claim_id) FROM assertions WHERE import_id = ANY (@import)", imports.Select(i => i.Id).ToArray()));
    }

    [Fact]
    public async Task Import_UploadCutOff_LeavesItsIdempotencyKeyFreeForTheRetry()
    {
        var tag = Unique();
        var name = $"cut-retried-{tag}.csv";
        var lines = ImportFiles.CsvLines(lines: 20_000, claims: 1_001, sources: 10, tag).Prepend(ImportFiles.CsvHeader).ToList();
        var key = Guid.NewGuid().ToString();
        using var clientGone = new CancellationTokenSource();
        var cut = new HttpRequestMessage(HttpMethod.Post, $"/imports?name={name}")
        {
            Content = new StreamingContent(async stream =>
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(15_000)) + "\n"));
                await stream.FlushAsync();
                await ImportCalls.WaitForAsync(_client, name, i => i.LinesRead >= 10_000);
                await clientGone.CancelAsync();
                await Task.Delay(Timeout.Infinite, clientGone.Token);
            }, "text/csv"),
        };
        cut.Headers.Add("Idempotency-Key", key);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SendAsync(cut, clientGone.Token));
        Assert.NotNull(await ImportCalls.WaitForAsync(_client, name, i => i.Status == ImportStatus.Failed));

        var retry = new HttpRequestMessage(HttpMethod.Post, $"/imports?name={name}") { Content = Body(string.Join('\n', lines) + "\n", "text/csv") };
        retry.Headers.Add("Idempotency-Key", key);
        var loaded = await _client.SendAsync(retry).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal(20_000L, loaded.LinesLoaded);
    }

    [Fact]
    public async Task Import_UploadCutOff_LoadsNothingAndRecordsTheFailure()
    {
        var tag = Unique();
        var name = $"cut-{tag}.csv";
        var lines = ImportFiles.CsvLines(lines: 20_000, claims: 1_001, sources: 10, tag).Prepend(ImportFiles.CsvHeader).ToList();
        using var clientGone = new CancellationTokenSource();
        var content = new StreamingContent(async stream =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(15_000)) + "\n"));
            await stream.FlushAsync();
            await ImportCalls.WaitForAsync(_client, name, i => i.LinesRead >= 10_000);
            await clientGone.CancelAsync();
            await Task.Delay(Timeout.Infinite, clientGone.Token);
        }, "text/csv");

        var before = await api.RowCountsAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.PostAsync($"/imports?name={name}", content, clientGone.Token));

        var failed = await ImportCalls.WaitForAsync(_client, name, i => i.Status == ImportStatus.Failed);
        Assert.NotNull(failed);
        Assert.Contains("Nothing was loaded", failed.Error);
        Assert.Equal((0L, 0), (failed.LinesLoaded, failed.NewClaims));
        var after = await api.RowCountsAsync();
        Assert.Equal(before.Where(t => !ImportCalls.EventTables.Contains(t.Key)), after.Where(t => !ImportCalls.EventTables.Contains(t.Key)));
    }

    [Fact]
    public async Task Import_LineOverTheLengthLimit_IsALineErrorAndTheNextLineIsRead()
    {
        var tag = Unique();
        var file = Ndjson(new { source = $"S {tag}", claim = new string('x', AssertionFile.MaxLineBytes), polarity = "affirms" })
            + Ndjson(new { Source = $"S {tag}", CLAIM = $"After the long line {tag}", polarity = "Denies" });

        var import = await _client.PostAsync("/imports?errors=skip_line", Body(file, "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal([new ImportResponse.LineErrorItem(1, $"The line is longer than {AssertionFile.MaxLineBytes} bytes.")], import.Errors);
        Assert.Equal([[2L, "denies"]], await QueryAsync("SELECT line, polarity FROM assertions WHERE import_id = @import", import.Id));
    }

    [Fact]
    public async Task Import_List_IsNewestFirstAndPaged()
    {
        var tag = Unique();
        var file = Ndjson(new { source = $"S {tag}", claim = $"C {tag}", polarity = "affirms" });
        var older = await _client.PostAsync($"/imports?name=older-{tag}", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var newer = await _client.PostAsync($"/imports?name=newer-{tag}", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var page = await _client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=2");
        var second = await _client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=1&page=2");

        Assert.Equal([newer.Id, older.Id], page.Items.Select(i => i.Id));
        Assert.Equal((2, 2, older.Id), (page.PageSize, second.Page, second.Items[0].Id));
        Assert.True(page.Total >= 2);
        Assert.Equal((ImportStatus.Succeeded, 1L, $"newer-{tag}"), (page.Items[0].Status, page.Items[0].LinesLoaded, page.Items[0].FileName));
    }

    [Fact]
    public async Task GetImport_Unknown_Returns404()
    {
        var response = await _client.GetAsync($"/imports/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

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

    [Fact]
    public async Task Import_50000GeneratedLines_LoadsThemAll()
    {
        var file = Encoding.UTF8.GetBytes(ImportFiles.Csv(lines: 50_000, claims: 10_001, sources: 1_000, tag: Unique()));
        Assert.True(file.Length > ApiFactory.MaxBodyBytes, "the file must be over the API's general body limit");

        var clock = Stopwatch.StartNew();
        var import = await _client.PostAsync("/imports", new ByteArrayContent(file) { Headers = { ContentType = new("text/csv") } })
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        clock.Stop();

        output.WriteLine($"50,000 lines ({file.Length / 1024.0 / 1024:0.0} MiB) in {clock.ElapsedMilliseconds} ms: {50_000 / clock.Elapsed.TotalSeconds:N0} rows/s");
        Assert.Equal((50_000L, 50_000L, 0L, 1_000, 1_250, 10_001), (import.LinesRead, import.LinesLoaded, import.LinesRejected, import.NewSources, import.NewQuestions, import.NewClaims));
        Assert.Equal([[1_001L]], await QueryAsync("""
            SELECT count(DISTINCT c.id) FROM claims c JOIN assertions a ON a.claim_id = c.id
            WHERE a.import_id = @import AND c.status IN ('true', 'false', 'mixed', 'unresolvable')
            """, import.Id));
    }

    private async Task<ClaimResponse> ClaimAsync(string statement)
    {
        var ids = await QueryAsync("SELECT id FROM claims WHERE statement = @statement", statement.Trim());
        return await _client.GetClaimAsync((Guid)Assert.Single(ids)[0]!);
    }

    // Rows of a query on the test database; @import and the like take the arguments in order of appearance.
    private async Task<List<object?[]>> QueryAsync(string sql, params object[] arguments)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var names = System.Text.RegularExpressions.Regex.Matches(sql, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        for (var i = 0; i < names.Count; i++) command.Parameters.AddWithValue(names[i], arguments[i]);
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static string Ndjson(params object[] lines) => string.Join('\n', lines.Select(l => JsonSerializer.Serialize(l))) + "\n";

    private static StringContent Body(string text, string contentType)
    {
        var content = new StringContent(text, new UTF8Encoding(false));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}

// A body written while the request is under way, sent chunked (no Content-Length).
public sealed class StreamingContent : HttpContent
{
    private readonly Func<Stream, Task> _write;

    public StreamingContent(Func<Stream, Task> write, string contentType)
    {
        _write = write;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _write(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

public static class ImportCalls
{
    // A refused import is still an event: its record, the audit entry of who sent it, and its kept answer.
    public static readonly string[] EventTables = ["imports", "audit_log", "audit_changes", "idempotency_keys"];

    // Polls the list for the import of that file name until the condition holds (null after 30 s).
    public static async Task<ListImports.Item?> WaitForAsync(HttpClient client, string name, Func<ListImports.Item, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var import = (await client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=100")).Items.FirstOrDefault(i => i.FileName == name);
            if (import is not null && condition(import)) return import;
            await Task.Delay(50);
        }
        return null;
    }

    // Sends an import that must be refused, and proves that it wrote nothing but its own import record.
    public static async Task<HttpResponseMessage> WithoutWritesExceptImportsAsync(this ApiFactory api, Func<Task<HttpResponseMessage>> send)
    {
        var before = await api.RowCountsAsync();
        var response = await send();
        var after = await api.RowCountsAsync();
        Assert.Equal(before.Where(t => !ImportCalls.EventTables.Contains(t.Key)), after.Where(t => !ImportCalls.EventTables.Contains(t.Key)));
        return response;
    }
}

// An API whose import limit is small, to test the 413s.
public sealed class SmallImportLimitApiFactory : ApiFactory
{
    public const long ImportLimit = 64 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"{ImportOptions.Section}:MaxBodyBytes", ImportLimit.ToString());
    }
}

public sealed class ImportLimitTests(SmallImportLimitApiFactory api) : IClassFixture<SmallImportLimitApiFactory>
{
    private readonly HttpClient _client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Import_OverTheLimitWithContentLength_Returns413WritingNothing()
    {
        var file = ImportFiles.Csv(lines: 2_000, claims: 101, sources: 10, tag: Requests.Unique());
        Assert.True(file.Length > SmallImportLimitApiFactory.ImportLimit);

        var response = await api.WithoutWritesAsync(() => _client.PostAsync("/imports", new StringContent(file, Encoding.UTF8, "text/csv")));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Import_OverTheLimitWhileStreaming_Returns413AndRecordsTheFailure()
    {
        var tag = Requests.Unique();
        var lines = ImportFiles.CsvLines(lines: 2_000, claims: 101, sources: 10, tag).Prepend(ImportFiles.CsvHeader).ToList();
        ListImports.Item? receiving = null;
        var content = new StreamingContent(async stream =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(100)) + "\n"));
            await stream.FlushAsync();
            receiving = await ImportCalls.WaitForAsync(_client, $"big-{tag}", i => i.Status == ImportStatus.Receiving);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(100)) + "\n"));
        }, "text/csv");

        var response = await api.WithoutWritesExceptImportsAsync(() => _client.PostAsync($"/imports?name=big-{tag}", content));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.NotNull(receiving);
        var import = await _client.GetOkAsync<ImportResponse>($"/imports/{receiving.Id}");
        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Contains("import limit", import.Error);
    }

    [Fact]
    public async Task OtherEndpoints_KeepTheGeneralLimit()
    {
        var response = await _client.PostRawAsync("/analysis", new string('a', (int)ApiFactory.MaxBodyBytes + 1), "text/plain");

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
