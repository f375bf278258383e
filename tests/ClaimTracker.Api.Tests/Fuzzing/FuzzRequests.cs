using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Tests.Fuzzing;

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
        // JSON-LD (POST /claimreviews) is JSON to the generator; the operation reads both media types.
        if (content.TryGetValue("application/json", out var json) || content.TryGetValue("application/ld+json", out json))
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

internal sealed record Body(string ContentType, byte[] Bytes)
{
    public Body(string contentType, string text) : this(contentType, Encoding.UTF8.GetBytes(text)) { }

    public override string ToString() => $"{ContentType} {FuzzTarget.Shorten(Encoding.UTF8.GetString(Bytes))}";
}
