using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace ClaimTracker.Api.Tests.Infrastructure;

// What the import tests share: the files they send, the client that streams them, and reads of the rows they load.
public static class ImportCalls
{
    // A refused import is still an event: its record, the audit entry of who sent it, and its kept answer.
    public static readonly string[] EventTables = ["imports", "audit_log", "audit_changes", "idempotency_keys"];

    // The test client's redirect handler would read a whole body before sending it; these requests must stream.
    public static HttpClient ImportClient(this ApiFactory api) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static string Ndjson(params object[] lines) => string.Join('\n', lines.Select(l => JsonSerializer.Serialize(l))) + "\n";

    public static StringContent Body(string text, string contentType)
    {
        var content = new StringContent(text, new UTF8Encoding(false));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

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
        Assert.Equal(before.Where(t => !EventTables.Contains(t.Key)), after.Where(t => !EventTables.Contains(t.Key)));
        return response;
    }

    // The one claim with that statement, as GET /claims/{id} shows it.
    public static async Task<ClaimResponse> ClaimByStatementAsync(this ApiFactory api, HttpClient client, string statement)
    {
        var ids = await api.QueryAsync("SELECT id FROM claims WHERE statement = @statement", statement.Trim());
        return await client.GetClaimAsync((Guid)Assert.Single(ids)[0]!);
    }

    // Rows of a query on the test database; @import and the like take the arguments in order of appearance.
    public static async Task<List<object?[]>> QueryAsync(this ApiFactory api, string sql, params object[] arguments)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var names = Regex.Matches(sql, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct().ToList();
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
