using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Tests.Infrastructure;
using Npgsql;

namespace ClaimTracker.Api.Tests.Fuzzing;

// Sends the generated requests and checks what every answer must be.
internal sealed class FuzzTarget(ApiFactory api, HttpClient client)
{
    private Dictionary<string, long>? _counts;

    public Tally Total { get; } = new();

    public async Task SendAndCheckAsync(FuzzRequest request, Tally tally)
    {
        using var message = request.ToMessage();
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        tally.Add(status);

        if (request.Writes)
        {
            // A run that POST /scoring/runs queued executes in the background; wait for it, or its results would seem
            // written by the requests that follow. (Whatever the path said: "/scoring/runs/x/.." is that path too.)
            if (status < 300) await WaitForScoringAsync();
            var written = await TablesChangedSinceLastCheckAsync();
            Assert.True(status < 400 || written.All(t => MayWriteWhenRefused(request, t)),
                $"{status} for {request}, yet it wrote to {string.Join(", ", written)}: {Shorten(body)}");
        }

        Assert.True(status < 500, $"{status} for {request}: {Shorten(body)}");
        if (status < 400) return;
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{status} as '{response.Content.Headers.ContentType}', not problem+json, for {request}: {Shorten(body)}");
        var problem = Parse(body);
        Assert.True(problem?["status"] is JsonValue s && s.TryGetValue<int>(out var stated) && stated == status,
            $"{status} whose problem states another status, for {request}: {Shorten(body)}");
        Assert.True(problem?["title"] is JsonValue t && t.TryGetValue<string>(out var title) && !string.IsNullOrWhiteSpace(title),
            $"{status} whose problem has no title, for {request}: {Shorten(body)}");
    }

    // A refused file keeps its import record, marked failed with the lines at fault: the 422 names it ('importId'),
    // and GET /imports/{id} shows why; the audit log says who sent it. Nothing of the file itself is loaded.
    private static bool MayWriteWhenRefused(FuzzRequest request, TableChange change) =>
        request is { Method: "POST", Path: "/imports" } && ImportCalls.EventTables.Contains(change.Table) && change.Added >= 1;

    // The tables whose row counts changed since the last call.
    public async Task<IReadOnlyList<TableChange>> TablesChangedSinceLastCheckAsync()
    {
        var before = _counts;
        _counts = await api.RowCountsAsync();
        return before is null ? [] : _counts
            .Select(t => new TableChange(t.Key, t.Value - before.GetValueOrDefault(t.Key)))
            .Where(t => t.Added != 0)
            .ToList();
    }

    // Until no run is queued or running and no worker holds the scoring lock: a run prunes old estimates after it
    // is marked succeeded, still under the lock. (The lock is only tried once the queue is empty, in a statement of
    // its own, so that this never holds it while a run waits for it.)
    public async Task WaitForScoringAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        while (!await IdleAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "scoring runs still queued or running after 2 minutes");
            await Task.Delay(20);
        }

        async Task<bool> IdleAsync()
        {
            if (await ScalarAsync<bool>("SELECT EXISTS (SELECT FROM scoring_runs WHERE status IN ('queued', 'running'))")) return false;
            if (!await ScalarAsync<bool>($"SELECT pg_try_advisory_lock({ScoringQueue.LockKey})")) return false;
            await ScalarAsync<bool>($"SELECT pg_advisory_unlock({ScoringQueue.LockKey})");
            return true;
        }

        async Task<T> ScalarAsync<T>(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync())!;
        }
    }

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Shorten(string? text) => text is null ? "" : text.Length <= 400 ? text : text[..400] + $"… ({text.Length} chars)";
}

// What came back from one operation's requests, by status.
internal sealed class Tally
{
    private readonly SortedDictionary<int, int> _statuses = [];

    public int Requests => _statuses.Values.Sum();
    public int Accepted => _statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);
    public int Rejected => _statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value);

    public void Add(int status) => _statuses[status] = _statuses.GetValueOrDefault(status) + 1;

    public void Add(Tally other)
    {
        foreach (var (status, count) in other._statuses) _statuses[status] = _statuses.GetValueOrDefault(status) + count;
    }

    public override string ToString() => $"{Requests,4} requests: {string.Join(" ", _statuses.Select(s => $"{s.Key}×{s.Value}"))}";
}

internal sealed record TableChange(string Table, long Added)
{
    public override string ToString() => $"{Table} ({Added:+#;-#})";
}
