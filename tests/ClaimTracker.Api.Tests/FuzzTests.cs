using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Analysis;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Npgsql;
using Xunit.Abstractions;

namespace ClaimTracker.Api.Tests;

// Fuzzing driven by the API's own OpenAPI document: for every operation it lists, CsCheck generates requests from the
// documented example and from the schema, valid and then mutated: wrong types, missing and unknown fields, huge values
// and deep nesting, unicode and control characters, SQL and JSON injection, broken JSON, odd content types and headers,
// bad path ids and query values. Whatever arrives, the API must answer: never a 5xx, every 4xx as problem+json with its
// status and title, and a refused request writes nothing.
//   CLAIMTRACKER_FUZZ_ITERATIONS=1000 requests per operation for a longer run (default 100: about 35 s on two cores);
//   CsCheck_Seed=<the seed a failure prints> to send the failing request first again.
public sealed class FuzzTests(SeededApiFactory api, ITestOutputHelper output) : IClassFixture<SeededApiFactory>
{
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("CLAIMTRACKER_FUZZ_ITERATIONS"), out var iterations) && iterations > 0 ? iterations : 100;

    [Fact]
    public async Task EveryOperation_UnderGeneratedInput_NeverFailsAndRefusesCleanly()
    {
        var client = api.CreateClient();
        var operations = await OperationsAsync(client);
        Assert.True(operations.Count > 30, $"only {operations.Count} operations in the OpenAPI document");
        var target = new FuzzTarget(api, client);
        var ids = await ArrangeAsync(client, target, operations);

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var tally = new Tally();
            var watch = Stopwatch.StartNew();
            try
            {
                await FuzzRequests.For(operation, ids).SampleAsync(request => target.SendAndCheckAsync(request, tally),
                    iter: Iterations, threads: 1, print: request => request.ToString());
            }
            catch (Exception failure)
            {
                // CsCheck's message has the seed and the smallest failing request; the inner exception says what was wrong.
                failures.Add($"{operation}: {failure.Message}\n  {failure.InnerException?.Message}");
            }
            // Writes are checked one by one; reads once per operation: none of them, accepted or not, may write.
            if (await target.TablesChangedSinceLastCheckAsync() is { Count: > 0 } written)
                failures.Add($"{operation}: its reads wrote to {string.Join(", ", written)}");
            target.Total.Add(tally);
            output.WriteLine($"{operation,-52} {tally} ({watch.Elapsed.TotalSeconds:0.0} s)");
        }

        var summary = $"fuzz: operations={operations.Count} requests={target.Total.Requests} rejected={target.Total.Rejected} accepted={target.Total.Accepted}";
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("CLAIMTRACKER_GUARANTEES_FILE") is { Length: > 0 } guarantees)
            await File.AppendAllTextAsync(guarantees, summary + Environment.NewLine);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task<List<FuzzOperation>> OperationsAsync(HttpClient client)
    {
        var (document, diagnostic) = OpenApiDocument.Parse(await client.GetStringAsync(OpenApi.DocumentPath), "json");
        Assert.NotNull(document);
        Assert.True(diagnostic?.Errors is not { Count: > 0 },
            $"the OpenAPI document did not parse: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
        return (from path in document.Paths
                from operation in path.Value.Operations ?? []
                select new FuzzOperation(operation.Key.Method, path.Key, operation.Value)).ToList();
    }

    // Something behind every kind of id in a path besides the sample story's claims, sources and lexicon: a finished
    // scoring run, an import, and an article with a body, from the documented examples of their operations.
    private async Task<KnownIds> ArrangeAsync(HttpClient client, FuzzTarget target, IReadOnlyList<FuzzOperation> operations)
    {
        JsonNode Example(string path, string mediaType) =>
            operations.Single(o => o.Method == "POST" && o.Path == path).Definition.RequestBody!.Content![mediaType].Example!.DeepClone();

        var run = await Scoring.RunAsync(client);
        var import = await client.PostAsync("/imports", new StringContent(
                Example("/imports", "application/x-ndjson").GetValue<string>(), Encoding.UTF8, "application/x-ndjson"))
            .ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var article = Example("/articles/proposals", "application/json");
        article["url"] = $"https://fuzz.test/{Requests.Unique()}"; // the example's own URL is the sample story's, stored without a body
        var proposals = await client.PostJsonAsync("/articles/proposals", article).ExpectAsync<ArticleProposals>(HttpStatusCode.Created);
        // A key of its own to revoke: revoking the test administrator's would refuse every request after it.
        var key = await api.CreateKeyAsync(ClaimTracker.Api.Features.Access.Role.Reader, "fuzz: to revoke");
        await target.WaitForScoringAsync();
        await target.TablesChangedSinceLastCheckAsync();

        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
        var yonhap = await db.Sources.SingleAsync(s => s.Slug == "yonhap");
        return new KnownIds(
            await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
            proposals.Article.Id,
            yonhap.Id,
            yonhap.Slug,
            await db.LexiconTerms.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(),
            await db.LexiconVersions.MaxAsync(v => v.Version),
            import.Id,
            run.Id,
            key.ApiKey.Id);
    }
}

internal sealed record FuzzOperation(string Method, string Path, OpenApiOperation Definition)
{
    public override string ToString() => $"{Method} {Path}";
}

internal sealed record KnownIds(
    Guid Claim, Guid Article, Guid Source, string SourceSlug, Guid Term, int LexiconVersion, Guid Import, Guid Run, Guid Key)
{
    public IReadOnlyList<string> For(string template, IOpenApiParameter parameter) => (parameter.Name, parameter.Schema?.Format) switch
    {
        ("idOrSlug", not "uuid") => [SourceSlug, Source.ToString()],
        ("version", _) => [LexiconVersion.ToString(), "1"],
        _ when template.StartsWith("/claims") => [Claim.ToString()],
        _ when template.StartsWith("/articles") => [Article.ToString()],
        _ when template.StartsWith("/sources") => [Source.ToString()],
        _ when template.StartsWith("/lexicon") => [Term.ToString()],
        _ when template.StartsWith("/imports") => [Import.ToString()],
        _ when template.StartsWith("/scoring") => [Run.ToString()],
        _ when template.StartsWith("/keys") => [Key.ToString()],
        _ => throw new InvalidOperationException($"no known value for {{{parameter.Name}}} in {template}: add one to KnownIds"),
    };
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

internal sealed record TableChange(string Table, long Added)
{
    public override string ToString() => $"{Table} ({Added:+#;-#})";
}

internal sealed record Body(string ContentType, byte[] Bytes)
{
    public Body(string contentType, string text) : this(contentType, Encoding.UTF8.GetBytes(text)) { }

    public override string ToString() => $"{ContentType} {FuzzTarget.Shorten(Encoding.UTF8.GetString(Bytes))}";
}

internal sealed record FuzzRequest(string Method, string Url, Body? Body, IReadOnlyList<(string Name, string Value)> Headers)
{
    public bool Writes => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public string Path => Url.Split('?')[0];

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body.Bytes);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", Body.ContentType);
        }
        foreach (var (name, value) in Headers)
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    public override string ToString() =>
        $"{Method} {FuzzTarget.Shorten(Url)} [{string.Join("; ", Headers.Select(h => $"{h.Name}: {FuzzTarget.Shorten(h.Value)}"))}] {Body}";
}

// The requests of one operation, from what its OpenAPI description says it takes.
internal static class FuzzRequests
{
    public static Gen<FuzzRequest> For(FuzzOperation operation, KnownIds ids)
    {
        var parameters = operation.Definition.Parameters ?? [];
        var path = PathGen(operation.Path, parameters.Where(p => p.In == ParameterLocation.Path).ToList(), ids);
        var query = QueryGen(parameters.Where(p => p.In == ParameterLocation.Query).ToList());
        var body = BodyGen(operation.Definition.RequestBody?.Content);
        // Now and then a method the path does not take. (Not HEAD: its answer has no body to hold a problem.)
        var method = Gen.Frequency((30, Gen.Const(operation.Method)), (1, Gen.OneOf<string>("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")));
        return Gen.Select(method, path, query, body, Fuzz.Headers, (m, p, q, b, h) => new FuzzRequest(m, p + q, b, h));
    }

    // Each path parameter is mostly a known id, so that the request reaches the rules behind the lookup.
    private static Gen<string> PathGen(string template, IReadOnlyList<IOpenApiParameter> parameters, KnownIds ids)
    {
        var path = Gen.Const(template);
        foreach (var parameter in parameters)
        {
            var value = Gen.Frequency(
                (5, Gen.OneOf<string>([.. ids.For(template, parameter)])),
                (1, Fuzz.ValidScalar(parameter.Schema, parameter.Name!).Select(Escape)),
                (2, Fuzz.BadPathValue));
            path = path.Select(value, (p, v) => p.Replace($"{{{parameter.Name}}}", v));
        }
        return path;
    }

    // Mostly valid values (or none), so that the filters behind them run; then one of them bad, repeated, or an unknown one.
    private static Gen<string> QueryGen(IReadOnlyList<IOpenApiParameter> parameters)
    {
        var valid = Fuzz.Sequence(parameters.Select(parameter => Gen.Frequency(
            (1, Gen.Const("")),
            (1, Fuzz.ValidScalar(parameter.Schema, parameter.Name!).Select(v => $"{parameter.Name}={Escape(v)}")))));
        var names = parameters.Select(p => p.Name!).DefaultIfEmpty("unexpected").ToArray();
        var bad = Gen.Frequency(
            (3, Gen.Select(Gen.OneOf<string>(names), Fuzz.BadQueryValue, (name, value) => $"{name}={value}")),
            (1, Gen.Select(Gen.OneOf<string>(names), Fuzz.BadQueryValue, Fuzz.BadQueryValue, (name, a, b) => $"{name}={a}&{name}={b}")),
            (1, Fuzz.BadQueryValue.Select(v => $"unexpected={v}")),
            (1, Gen.OneOf<string>("%zz=%zz&&=&x", "&&&", "=", "a=1=2", ";", "#fragment")));
        return Gen.Select(valid, Gen.Frequency((1, Gen.Const("")), (1, bad)), (pairs, extra) =>
            pairs.Where(p => p.Length > 0).Append(extra).Where(p => p.Length > 0).ToList() is { Count: > 0 } present ? "?" + string.Join('&', present) : "");
    }

    private static Gen<Body?> BodyGen(IDictionary<string, OpenApiMediaType>? content)
    {
        if (content is null or { Count: 0 })
            return Gen.Frequency((6, Gen.Const((Body?)null)), (1, Fuzz.BrokenJson.Select(raw => (Body?)new Body("application/json", raw))));

        var bodies = new List<(int, IGen<Body?>)>();
        if (content.TryGetValue("application/json", out var json))
            bodies.Add((10, JsonBodyGen(json)));
        if (content.ContainsKey("text/plain"))
            bodies.Add((2, Fuzz.Text.Select(text => (Body?)new Body("text/plain; charset=utf-8", text))));
        var files = content.Where(c => c.Key is "text/csv" or "application/x-ndjson" or "application/jsonl").ToList();
        if (files.Count > 0)
            bodies.Add((10, Gen.OneOf<Body?>([.. files.Select(f => FileBodyGen(f.Key, f.Value.Example?.GetValue<string>() ?? ""))])));
        if (bodies.Count == 0)
            throw new InvalidOperationException($"no generator for request bodies of {string.Join(", ", content.Keys)}");

        bodies.Add((1, Gen.Const((Body?)null)));
        bodies.Add((1, Gen.Select(Fuzz.ContentType, Fuzz.Text, (type, text) => (Body?)new Body(type, text))));
        return Gen.Frequency([.. bodies]);
    }

    // Valid bodies from the example and from the schema, the same mutated, and JSON that is not JSON.
    private static Gen<Body?> JsonBodyGen(OpenApiMediaType media)
    {
        var fromSchema = Fuzz.ValidJson(media.Schema, "", 0);
        var valid = media.Example is { } example
            ? Gen.Frequency((1, Gen.Const(() => (JsonNode?)example.DeepClone())), (1, fromSchema))
            : fromSchema;
        var mutated = Gen.Select(valid, Fuzz.Mutation.Array[1, 2], (node, mutations) => mutations.Aggregate(node, (n, mutate) => mutate(n)));
        return Gen.Frequency(
            (5, valid.Select(node => (Body?)new Body("application/json", Fuzz.Write(node)))),
            (10, mutated.Select(node => (Body?)new Body("application/json", Fuzz.Write(node)))),
            (2, Fuzz.BrokenJson.Select(raw => (Body?)new Body("application/json", raw))),
            (1, Fuzz.BadBytes.Select(bytes => (Body?)new Body("application/json", bytes))),
            (2, Gen.Select(valid, Fuzz.ContentType, (node, type) => (Body?)new Body(type, Fuzz.Write(node)))));
    }

    // An assertion file: the documented example, its lines changed, and files that are not files of the kind.
    private static Gen<Body?> FileBodyGen(string mediaType, string example)
    {
        var lines = example.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var csv = mediaType == "text/csv";
        var badLine = csv
            ? Gen.Select(Fuzz.Text.Array[1, 8], Gen.Bool, (cells, quoted) => string.Join(',', cells.Select(c => quoted ? $"\"{c.Replace("\"", "\"\"")}\"" : c)))
            : Gen.Frequency(
                (3, Gen.Select(Gen.Int[0, lines.Length - 1], Fuzz.Mutation.Array[1, 3], (i, mutations) =>
                    Fuzz.Write(mutations.Aggregate(JsonNode.Parse(lines[i]), (n, mutate) => mutate(n))).Replace("\n", " "))),
                (1, Fuzz.BrokenJson.Select(raw => raw.Replace("\n", " "))));
        var changed = Gen.Select(Gen.Int[csv ? 1 : 0, lines.Length], badLine.Array[1, 4], Gen.Bool, (at, bad, keepHeader) =>
        {
            var result = lines.ToList();
            result.InsertRange(Math.Min(at, result.Count), bad);
            if (csv && !keepHeader) result.RemoveAt(0);
            return string.Join('\n', result);
        });
        return Gen.Frequency(
            (2, Gen.Const((Body?)new Body(mediaType, example))),
            (6, changed.Select(text => (Body?)new Body(mediaType, text))),
            (1, Fuzz.Text.Select(text => (Body?)new Body(mediaType, text))),
            (1, Fuzz.BadBytes.Select(bytes => (Body?)new Body(mediaType, bytes))),
            (1, Gen.Const((Body?)new Body(mediaType, "\ufeff" + example.Replace("\n", "\r\n")))));
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}

// The raw material of the fuzzing.
internal static class Fuzz
{
    public static readonly string[] Nasty =
    [
        "", " ", "\u0000", "a\u0000b", "\u0007\u001b[31m", "\r\n", "\t", "😀", "👩‍👩‍👧‍👦", "\u202e\u0644\u0627\u202c", "\u200f\u200b", "Ǆ",
        "\ufeff", "\uffff", "金正恩", "Société", "'; DROP TABLE claims; --", "\" OR 1=1 --", "1' OR '1'='1", "\\", "%", "_", "%_%",
        "\",\"admin\":true", "\",\"version\":1,\"x\":\"", "<script>alert(1)</script>", "{\"$ne\": null}", "%00", "%s%s%s%n",
        "../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "\\\\server\\share", "${jndi:ldap://x}", "{{7*7}}", "NaN", "Infinity", "-0",
        "1e309", "0x10", "null", "true", "[]", "{}", "2023-09-11T00:00:00", "2023-09-11T00:00:00Z", "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+14:00", "yonhap", "appears", "https://news.test/a?utm_source=x#frag", "javascript:alert(1)",
        "00000000-0000-0000-0000-000000000000",
    ];

    // 100k characters, as one character repeated and as multi-byte text; and a body over the 256 KiB limit.
    public static readonly string[] Huge =
    [
        new string('x', 100_000), string.Concat(Enumerable.Repeat("é😀\u202e金", 20_000)), new string('a', 300_000),
    ];

    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf<string>(Nasty)),
        (2, Gen.String),
        (2, Gen.String[Gen.Char.AlphaNumeric, 0, 30]),
        (1, Gen.OneOf<string>(Huge)));

    // Values that should read as they are meant: known slugs, dates with offsets, URLs, short words.
    private static readonly Gen<string> Words = Gen.Frequency(
        (3, Gen.OneOf<string>("yonhap", "ndtv", "afp", "ytn", "appears", "reportedly", "Kim Jong Un's train has departed", "en", "KR")),
        (2, Gen.String[Gen.Char.AlphaNumeric, 1, 20]));

    private static readonly Gen<string> Dates = Gen.Select(Gen.Int[0, 5_000], Gen.OneOf<string>("Z", "+09:00", "-05:00"),
        (hours, offset) => new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(hours).ToString("yyyy-MM-ddTHH:mm:ss") + offset);

    private static readonly Dictionary<string, Gen<string>> ByName = new()
    {
        ["status"] = Gen.OneOf<string>("unverified", "confirmed,contradicted", "partly_confirmed", "queued", "succeeded", "failed"),
        ["sort"] = Gen.OneOf<string>("name", "-accuracy", "accuracy", "firstReportedAt", "-updatedAt", "statement"),
        ["kind"] = Gen.OneOf<string>("outlet", "wire_agency", "government", "anonymous"),
        ["category"] = Gen.OneOf<string>("evidential", "estimative", "attribution"),
        ["scale"] = Gen.OneOf<string>("claimtracker", "icd-203", "phia", "kent-1964"),
        ["language"] = Gen.OneOf<string>("en", "EN", "ko", "en-GB"),
        ["errors"] = Gen.OneOf<string>("skip_line", "reject_file"),
        ["topic"] = Gen.OneOf<string>("north-korea", "russia,north-korea"),
        ["source"] = Gen.OneOf<string>("yonhap", "ndtv", "us-government"),
        ["url"] = Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(s => $"https://fuzz.test/{s}"),
        ["homepage"] = Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(s => $"https://fuzz.test/{s}"),
        ["country"] = Gen.OneOf<string>("KR", "US", "fr"),
        ["from"] = Dates, ["to"] = Dates, ["asOf"] = Dates, ["publishedAt"] = Dates, ["reportedAt"] = Dates, ["time"] = Dates,
    };

    // A value of a query or path parameter that its schema allows.
    public static Gen<string> ValidScalar(IOpenApiSchema? schema, string name) =>
        (schema?.Type & ~JsonSchemaType.Null) switch
        {
            JsonSchemaType.Integer => Gen.Frequency((4, Gen.Int[1, 100]), (1, Gen.Int[int.MinValue, int.MaxValue])).Select(i => i.ToString()),
            JsonSchemaType.Number => Gen.Double[0, 1].Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            JsonSchemaType.Boolean => Gen.OneOf<string>("true", "false", "True"),
            _ when schema?.Format == "uuid" => Gen.Guid.Select(g => g.ToString()),
            _ => ByName.GetValueOrDefault(name) ?? Words,
        };

    // A JSON value its schema allows. The API's strings carry no type in the document (they are written by a
    // converter of their own), so a schema without one gets text.
    public static Gen<JsonNode?> ValidJson(IOpenApiSchema? schema, string name, int depth)
    {
        if (schema is null || depth > 8) return Text(name);
        var alternatives = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).ToList();
        if (alternatives.Count > 0)
        {
            var valued = alternatives.Where(a => a.Type != JsonSchemaType.Null).Select(a => ValidJson(a, name, depth + 1)).ToArray();
            return alternatives.Count == valued.Length ? Gen.OneOf<JsonNode?>(valued)
                : Gen.Frequency((4, Gen.OneOf<JsonNode?>(valued)), (1, Gen.Const((JsonNode?)null)));
        }
        if (schema.Enum is { Count: > 0 } values)
            return Gen.OneOf<JsonNode?>([.. values]).Select(v => v?.DeepClone());

        return (schema.Type & ~JsonSchemaType.Null) switch
        {
            JsonSchemaType.Object => ObjectOf(schema, depth),
            JsonSchemaType.Array => ValidJson(schema.Items, name, depth + 1).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items)),
            JsonSchemaType.Integer => Gen.Frequency((4, Gen.Int[0, 5]), (1, Gen.Int)).Select(i => (JsonNode?)JsonValue.Create(i)),
            JsonSchemaType.Number => Gen.Double[0, 1].Select(d => (JsonNode?)JsonValue.Create(d)),
            JsonSchemaType.Boolean => Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            _ when schema.Format == "uuid" => Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g)),
            _ when schema.Format == "date-time" => Dates.Select(d => (JsonNode?)JsonValue.Create(d)),
            _ when schema.Properties is { Count: > 0 } => ObjectOf(schema, depth),
            _ => Text(name),
        };

        static Gen<JsonNode?> Text(string name) => (ByName.GetValueOrDefault(name) ?? Words).Select(s => (JsonNode?)JsonValue.Create(s));
    }

    // The required properties and some of the others.
    private static Gen<JsonNode?> ObjectOf(IOpenApiSchema schema, int depth)
    {
        var required = schema.Required ?? new HashSet<string>();
        var properties = (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Select(p =>
            Gen.Select(required.Contains(p.Key) ? Gen.Const(true) : Gen.Bool, ValidJson(p.Value, p.Key, depth + 1),
                (present, value) => (p.Key, Value: present ? value : null, Present: present)));
        return Sequence(properties).Select(all => (JsonNode?)new JsonObject(
            all.Where(p => p.Present).Select(p => KeyValuePair.Create(p.Key, p.Value))));
    }

    public static Gen<T[]> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(() => Array.Empty<T>()), (all, gen) => all.Select(gen, (a, x) => (T[])[.. a, x]));

    private static readonly string[] RawFragments =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "1e-400", "-0", "0.1e1", "1E2", "NaN", "Infinity", "01", "+1", "0x10",
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud800\\ud800\"", "\"\\u0000\"", "\"\\x41\"", "'single'", "tru", "undefined",
        new string('[', 5_000) + new string(']', 5_000), string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500),
        "[" + string.Join(',', Enumerable.Repeat("\"north-korea\"", 20_000)) + "]",
    ];

    // Wrong in kind, wrong in size, or text no one expects. Some are spliced in raw, as no JsonNode can hold them.
    private static readonly Gen<JsonNode?> BadValue = Gen.Frequency(
        (4, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf<Func<JsonNode?>>(
            () => null, () => JsonValue.Create(true), () => JsonValue.Create(0), () => JsonValue.Create(-1), () => JsonValue.Create(long.MaxValue),
            () => JsonValue.Create(1e308), () => JsonValue.Create(-1e308), () => JsonValue.Create(0.5), () => JsonValue.Create(1.0000001),
            () => JsonValue.Create(int.MaxValue + 1L), () => new JsonObject(), () => new JsonArray(), () => new JsonArray(JsonValue.Create("ndtv"), null),
            () => new JsonObject { ["slug"] = "yonhap", ["nested"] = new JsonObject { ["deeper"] = new JsonArray(1, "two", null) } })
            .Select(create => create())),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null)),
        (2, Gen.Int[0, RawFragments.Length - 1].Select(i => (JsonNode?)JsonValue.Create(RawMarker(i)))));

    private static string RawMarker(int i) => $"~~raw{i}~~";

    // The body as UTF-8 text (not \u-escaped, so multi-byte and right-to-left characters arrive as they are), raw fragments spliced in.
    public static string Write(JsonNode? node)
    {
        var text = node?.ToJsonString(Relaxed) ?? "null";
        for (var i = 0; i < RawFragments.Length && text.Contains("~~raw"); i++)
            text = text.Replace($"\"{RawMarker(i)}\"", RawFragments[i]);
        return text;
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Structure-aware mutations of a JSON body: each picks a place in the tree and changes it.
    public static readonly Gen<Func<JsonNode?, JsonNode?>> Mutation = Gen.Frequency(
        (4, Gen.Select(Gen.Int, BadValue, (at, value) => (Func<JsonNode?, JsonNode?>)(node => Replace(node, at, value)))),
        (2, Gen.Int.Select(at => (Func<JsonNode?, JsonNode?>)(node => Remove(node, at)))),
        (2, Gen.Select(Gen.Int, Gen.Frequency((2, Gen.OneOf<string>("admin", "isAdmin", "id", "$type", "__proto__", "version", "Statement")), (1, Text)), BadValue,
            (at, name, value) => (Func<JsonNode?, JsonNode?>)(node => AddProperty(node, at, name, value)))),
        (1, Gen.Int[2, 2_000].Select(times => (Func<JsonNode?, JsonNode?>)(node => Repeat(node, times)))),
        (1, BadValue.Select(value => (Func<JsonNode?, JsonNode?>)(_ => value))));

    public static readonly Gen<string> BrokenJson = Gen.Frequency(
        (3, Gen.OneOf<string>("", " ", "null", "{", "}", "[", "{\"a\":", "{\"statement\":\"x\",}", "\"just a string\"", "42", "[1,2,3]",
            "{\"a\":1,\"a\":2}", "{\"statement\":\"x\",\"statement\":\"y\"}", "{\"statement\":\"\\ud800\"}", "\u0000{}", "{}\u0000",
            "{} {}", "{}\n{}", "{'statement': 'x'}", "{statement: \"x\"}", "/* comment */ {}", "\ufeff{}", "{\"text\":\"\\uZZZZ\"}",
            new string('[', 10_000) + new string(']', 10_000))),
        (1, Gen.String.Select(s => "{\"x\":\"" + s)),
        (1, Gen.Byte.Array[1, 64].Select(bytes => Encoding.Latin1.GetString(bytes))));

    // Bytes that are not UTF-8.
    public static readonly Gen<byte[]> BadBytes = Gen.OneOf<byte[]>(
        [0xff, 0xfe, 0x7b, 0x7d], [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80],
        [0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]);

    public static readonly Gen<string> ContentType = Gen.OneOf<string>(
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "application/octet-stream", "", "application/json; charset=utf-7", "*/*", "application/json;;;", "text/json", "application/problem+json",
        "application/vnd.api+json", "text/csv", "application/x-ndjson", "not a media type", "application/json; charset=\"\u0001\"");

    // No NUL: Kestrel refuses a path with one (a bare 400) before the application sees the request.
    public static readonly Gen<string> BadPathValue = Gen.Frequency(
        (2, Gen.OneOf<string>([.. Nasty.Where(n => !n.Contains('\0'))]).Select(Uri.EscapeDataString)),
        (2, Gen.OneOf<string>("..%2f..%2fetc%2fpasswd", "%2e%2e%2f", "..%5c", "99999999999999999999", "2147483648", "-1", "0", "1e3", "0x1F",
            "{00000000-0000-0000-0000-000000000001}", "0193A000-0000-7000-8000-000000000001", "0193a00000007000800000000000000a",
            "0193a000-0000-7000-8000-00000000000g", "%E2%80%AE", "%F0%9F%98%80", "%ED%A0%80", "%C0%AF", "%", "%zz", "a%20b", ";x=y", new string('9', 5_000))),
        (1, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.String[Gen.Char.AlphaNumeric, 1, 40]));

    public static readonly Gen<string> BadQueryValue = Gen.Frequency(
        (3, Text.Select(Uri.EscapeDataString)),
        (2, Gen.Long.Select(n => n.ToString())),
        (2, Gen.OneOf<string>("", "-1", "0", "2147483648", "99999999999999999999", "1.5", "1e3", "true", "%00", "%zz", "%ED%A0%80", "a&b", "=", "[]",
            "2023-09-11T00:00:00", "2023-13-45T25:61:00Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999%2B14:00")));

    private static readonly Gen<string> HeaderValue = Gen.Frequency(
        (3, Gen.OneOf<string>("", "fuzz-1", "fuzz-2", "k", "admin", "' OR 1=1 --", "\u0001\u0002\u007f", "\t", "é😀", "\u202e",
            "application/xml", "text/html;q=0.9", "application/json", "application/problem+json", "*/*;q=0", "garbage;;;", "gzip", "br",
            "DELETE", "100-continue", "bytes=0-1", "Bearer x.y.z", "Basic !!!", "\"not-a-version\"", "*", "1.2.3.4, ;DROP", "null",
            "https://evil.test", "http", "en;q=abc")),
        (1, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.String[Gen.Char.AlphaNumeric, 1, 64]),
        (1, Gen.OneOf<string>(new string('k', 10_000), new string('v', 64_000))));

    // Headers nobody asked for: garbage API keys, idempotency keys good and bad, odd Accept values, huge values.
    public static readonly Gen<IReadOnlyList<(string Name, string Value)>> Headers = Gen.Frequency(
        (4, Gen.Const<IReadOnlyList<(string, string)>>(() => [])),
        (3, Gen.Select(Gen.OneOf<string>(
                "X-Api-Key", "X-Api-Key", "Idempotency-Key", "Idempotency-Key", "Accept", "Accept-Language", "Accept-Charset", "If-Match",
                "If-None-Match", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-HTTP-Method-Override", "User-Agent", "Cookie",
                "Authorization", "Origin", "Range", "Content-Encoding", "Content-Language", "Expect", "X-Fuzz"),
                HeaderValue, (name, value) => (name, value)).Array[1, 3]
            .Select(headers => (IReadOnlyList<(string, string)>)headers)));

    private static List<(JsonNode Parent, object Key)> Places(JsonNode? root)
    {
        var places = new List<(JsonNode, object)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList()) { places.Add((o, key)); Walk(child); }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) { places.Add((a, i)); Walk(a[i]); }
                    break;
            }
        }
        Walk(root);
        return places;
    }

    private static JsonNode? Replace(JsonNode? root, int at, JsonNode? value)
    {
        var places = Places(root);
        if (places.Count == 0) return value?.DeepClone();
        var (parent, key) = places[Math.Abs(at % places.Count)];
        if (parent is JsonObject o) o[(string)key] = value?.DeepClone();
        else if (parent is JsonArray a) a[(int)key] = value?.DeepClone();
        return root;
    }

    private static JsonNode? Remove(JsonNode? root, int at)
    {
        var places = Places(root);
        if (places.Count == 0) return root;
        var (parent, key) = places[Math.Abs(at % places.Count)];
        if (parent is JsonObject o) o.Remove((string)key);
        else if (parent is JsonArray a) a.RemoveAt((int)key);
        return root;
    }

    private static JsonNode? AddProperty(JsonNode? root, int at, string name, JsonNode? value)
    {
        var objects = Places(root).Select(p => p.Parent).OfType<JsonObject>().Distinct().Prepend(root).OfType<JsonObject>().ToList();
        if (objects.Count == 0 || name.Length == 0) return root;
        var target = objects[Math.Abs(at % objects.Count)];
        target[target.ContainsKey(name) ? name + "_" : name] = value?.DeepClone();
        return root;
    }

    private static JsonNode? Repeat(JsonNode? root, int times)
    {
        foreach (var array in Places(root).Select(p => p.Parent).OfType<JsonArray>().Distinct().Take(1))
        {
            var items = array.ToList();
            for (var i = 0; i < times && items.Count > 0; i++) array.Add(items[i % items.Count]?.DeepClone());
        }
        return root;
    }
}
