using System.Net;
using System.Text;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;

namespace ClaimTracker.Api.Tests.Imports;

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

public sealed class ImportBodyLimitTests(SmallImportLimitApiFactory api) : IClassFixture<SmallImportLimitApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

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
            receiving = await WaitForAsync(_client, $"big-{tag}", i => i.Status == ImportStatus.Receiving);
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
