using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Tests.Fuzzing;

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
        ["category"] = Gen.OneOf<string>("evidential", "estimative", "attribution", "weasel", "peacock"),
        ["scale"] = Gen.OneOf<string>("claimtracker", "claimtracker-vague", "icd-203", "phia", "kent-1964"),
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
