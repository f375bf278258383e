using System.Net;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

// Bad lines: under reject_file they reject the file, under skip_line they are listed and left out.
public sealed class ImportLineErrorTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

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
        Assert.Equal(before.Where(t => !EventTables.Contains(t.Key)), after.Where(t => !EventTables.Contains(t.Key)));

        var import = await _client.GetOkAsync<ImportResponse>($"/imports/{importId}");
        Assert.Equal((ImportStatus.Failed, 3L, 0L, 1L, 0, 0, 0),
            (import.Status, import.LinesRead, import.LinesLoaded, import.LinesRejected, import.NewSources, import.NewQuestions, import.NewClaims));
        Assert.Equal([new ImportResponse.LineErrorItem(2, "'polarity' is one of affirms, denies.")], import.Errors);
        Assert.Contains("nothing was loaded", import.Error);
    }

    // 'superseded' needs the time the claim stopped holding, which an assertion line cannot carry.
    [Fact]
    public async Task Import_SupersededResolution_IsALineError()
    {
        var tag = Unique();
        var file = Ndjson(new { source = $"Source {tag}", claim = $"Claim {tag}", polarity = "affirms", resolution = "superseded" });

        var response = await _client.PostAsync($"/imports?errors=reject_file&name=superseded-{tag}", Body(file, "application/x-ndjson"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "line 1");
        Assert.Contains("cannot be 'superseded' in an import", Assert.Single(problem.Errors["line 1"]));
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
        Assert.Equal([[1L], [13L]], await api.QueryAsync("SELECT line FROM assertions WHERE import_id = @import ORDER BY line", import.Id));
    }

    // PostgreSQL text cannot hold NUL, so a reason that quotes one (a field name here) is stored with it escaped.
    [Theory]
    [InlineData("skip_line", HttpStatusCode.Created)]
    [InlineData("reject_file", HttpStatusCode.UnprocessableEntity)]
    public async Task Import_LineErrorQuotingNul_IsStoredWithTheNulEscaped(string errors, HttpStatusCode status)
    {
        var tag = Unique();
        var file = Ndjson(new { source = $"S {tag}", claim = $"Before {tag}", polarity = "affirms" })
            + $"{{\"source\": \"S {tag}\", \"claim\": \"C {tag}\", \"polarity\": \"affirms\", \"st\\u0000ance\": 1}}\n";

        var response = await _client.PostAsync($"/imports?errors={errors}&name=nul-{tag}", Body(file, "application/x-ndjson"));

        await response.AssertStatusAsync(status);
        var listed = await WaitForAsync(_client, $"nul-{tag}", _ => true);
        var import = await _client.GetOkAsync<ImportResponse>($"/imports/{listed!.Id}");
        var error = Assert.Single(import.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("'st\\u0000ance' is not a field of an assertion", error.Reason);
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
    public async Task Import_LineOverTheLengthLimit_IsALineErrorAndTheNextLineIsRead()
    {
        var tag = Unique();
        var file = Ndjson(new { source = $"S {tag}", claim = new string('x', AssertionFile.MaxLineBytes), polarity = "affirms" })
            + Ndjson(new { Source = $"S {tag}", CLAIM = $"After the long line {tag}", polarity = "Denies" });

        var import = await _client.PostAsync("/imports?errors=skip_line", Body(file, "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal([new ImportResponse.LineErrorItem(1, $"The line is longer than {AssertionFile.MaxLineBytes} bytes.")], import.Errors);
        Assert.Equal([[2L, "denies"]], await api.QueryAsync("SELECT line, polarity FROM assertions WHERE import_id = @import", import.Id));
    }
}
