using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace ClaimTracker.Api.Tests.Imports;

// The bulk import against a raw COPY of the same file into a plain table, in the same run, on the same database,
// the import going over HTTP to the API on Kestrel.
// Not part of the test run (it takes a minute or more); run it with:
//   scripts/benchmark.sh import     (the figures and the load's phases, from the server's debug log; see the script)
// CLAIMTRACKER_IMPORT_BENCHMARK_LINES changes the size (default 1,000,000 lines over 200,000 claims and 20,000 sources).
public sealed class ImportBenchmarkTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    [SkippableFact]
    public async Task ImportBenchmark_AgainstRawCopyOfTheSameFile()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("CLAIMTRACKER_IMPORT_BENCHMARK") == "1", "set CLAIMTRACKER_IMPORT_BENCHMARK=1 to run it");
        // Kestrel, so that the file travels over a socket as it would from a client (TestServer's in-memory pipe is slower).
        api.UseKestrel(0);
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(30) };
        // Kestrel is reached by a plain client, not the factory's: it must carry the key itself (imports need an editor).
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, TestDatabase.AdminKey);
        var lines = int.TryParse(Environment.GetEnvironmentVariable("CLAIMTRACKER_IMPORT_BENCHMARK_LINES"), out var n) ? n : 1_000_000;
        var (claims, sources) = (lines / 5, lines / 50);
        var path = Path.Combine(Path.GetTempPath(), $"claimtracker-import-{lines}.csv");
        var clock = Stopwatch.StartNew();
        await ImportFiles.WriteCsvAsync(path, lines, claims, sources, "bench");
        output.WriteLine($"file: {lines:N0} lines over {claims:N0} claims and {sources:N0} sources, {new FileInfo(path).Length / 1024.0 / 1024:N1} MiB, generated in {clock.Elapsed.TotalSeconds:N1} s");

        // A server that has run an import before: the first one in a process runs partly on unoptimised code.
        var warmUp = Path.Combine(Path.GetTempPath(), "claimtracker-import-warm-up.csv");
        await ImportFiles.WriteCsvAsync(warmUp, 50_000, 10_001, 1_000, "warm-up");
        await ImportAsync(client, warmUp);
        await RawCopyAsync(warmUp);

        var rawBefore = await RawCopyAsync(path);
        var (import, receive, total) = await ImportAsync(client, path);
        var rawAfter = await RawCopyAsync(path);

        Assert.Equal((lines, lines, 0L, claims), (import.LinesRead, import.LinesLoaded, import.LinesRejected, (long)import.NewClaims));
        var raw = (rawBefore + rawAfter) / 2;
        output.WriteLine($"raw COPY (FORMAT csv) into a plain table: {rawBefore.TotalSeconds:N2} s and {rawAfter.TotalSeconds:N2} s, mean {lines / raw.TotalSeconds:N0} rows/s");
        output.WriteLine($"import {import.Id}: {lines} rows");
        output.WriteLine($"POST /imports: {total.TotalSeconds:N2} s, {lines / total.TotalSeconds:N0} rows/s (receiving and staging {receive.TotalSeconds:N2} s, loading {(total - receive).TotalSeconds:N2} s)");
        output.WriteLine($"ratio import / raw COPY: {total / raw:N1}");
    }

    private async Task<TimeSpan> RawCopyAsync(string path)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("""
            DROP TABLE IF EXISTS raw_import_copy;
            CREATE TABLE raw_import_copy (source text, question text, claim text, polarity text, confidence double precision,
                hedge_words text, "time" timestamptz, resolution text)
            """, connection))
            await create.ExecuteNonQueryAsync();

        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginTextImportAsync("COPY raw_import_copy FROM STDIN (FORMAT csv, HEADER true)"))
        using (var file = new StreamReader(path))
        {
            var buffer = new char[1 << 20];
            int read;
            while ((read = await file.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer.AsMemory(0, read));
        }
        clock.Stop();

        await using var drop = new NpgsqlCommand("DROP TABLE raw_import_copy", connection);
        await drop.ExecuteNonQueryAsync();
        return clock.Elapsed;
    }

    private static async Task<(ImportResponse Import, TimeSpan Receive, TimeSpan Total)> ImportAsync(HttpClient client, string path)
    {
        var name = $"benchmark-{Requests.Unique()}.csv";
        var clock = Stopwatch.StartNew();
        TimeSpan? receive = null;
        using var done = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested && receive is null)
            {
                var listed = (await client.GetOkAsync<PagedList<ListImports.Item>>("/imports?pageSize=10")).Items
                    .FirstOrDefault(i => i.FileName == name);
                if (listed is { Status: not ImportStatus.Receiving }) receive = clock.Elapsed;
                await Task.Delay(100);
            }
        });

        await using var file = File.OpenRead(path);
        var content = new StreamContent(file, 1 << 20) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
        var import = await client.PostAsync($"/imports?name={name}", content).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var total = clock.Elapsed;
        await done.CancelAsync();
        await watch;
        return (import, receive ?? total, total);
    }
}
