using System.Diagnostics;
using System.Net;
using System.Text;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Tests.Infrastructure;
using Xunit.Abstractions;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

// The upload itself: large files, progress while streaming, a client that goes away.
public sealed class ImportUploadTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

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
            seen = await WaitForAsync(_client, name, i => i.LinesRead >= 20_000);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(25_001)) + "\n"));
        }, "text/csv");

        var import = await _client.PostAsync($"/imports?name={name}", content).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.NotNull(seen);
        Assert.Equal(ImportStatus.Receiving, seen.Status);
        Assert.Equal(import.Id, seen.Id);
        Assert.Equal((30_000L, 30_000L, 3_001), (import.LinesRead, import.LinesLoaded, import.NewClaims));
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
                await WaitForAsync(_client, name, i => i.LinesRead >= 10_000);
                await clientGone.CancelAsync();
                await Task.Delay(Timeout.Infinite, clientGone.Token);
            }, "text/csv"),
        };
        cut.Headers.Add("Idempotency-Key", key);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SendAsync(cut, clientGone.Token));
        Assert.NotNull(await WaitForAsync(_client, name, i => i.Status == ImportStatus.Failed));

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
            await WaitForAsync(_client, name, i => i.LinesRead >= 10_000);
            await clientGone.CancelAsync();
            await Task.Delay(Timeout.Infinite, clientGone.Token);
        }, "text/csv");

        var before = await api.RowCountsAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.PostAsync($"/imports?name={name}", content, clientGone.Token));

        var failed = await WaitForAsync(_client, name, i => i.Status == ImportStatus.Failed);
        Assert.NotNull(failed);
        Assert.Contains("Nothing was loaded", failed.Error);
        Assert.Equal((0L, 0), (failed.LinesLoaded, failed.NewClaims));
        var after = await api.RowCountsAsync();
        Assert.Equal(before.Where(t => !EventTables.Contains(t.Key)), after.Where(t => !EventTables.Contains(t.Key)));
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
        Assert.Equal([[1_001L]], await api.QueryAsync("""
            SELECT count(DISTINCT c.id) FROM claims c JOIN assertions a ON a.claim_id = c.id
            WHERE a.import_id = @import AND c.status IN ('true', 'false', 'mixed', 'unresolvable')
            """, import.Id));
    }
}
