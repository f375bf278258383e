using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimTracker.Api.Tests.Infrastructure;

// One field of a valid body changed, addressed the way error keys name it: "report.chain[1].source.slug".
public static class JsonEdit
{
    public static JsonNode ToJson(object body) => JsonSerializer.SerializeToNode(body, ApiFactory.Json)!;

    // json is the new value as JSON text; null removes the field.
    public static JsonNode With(this JsonNode body, string path, string? json)
    {
        var copy = body.DeepClone();
        var segments = path.Split('.');
        var parent = segments[..^1].Aggregate(copy, Step);
        var (name, index) = Parse(segments[^1]);
        var value = json is null ? null : JsonNode.Parse(json);
        if (index is { } i)
            parent[name]!.AsArray()[i] = value;
        else if (json is null)
            parent.AsObject().Remove(name);
        else
            parent[name] = value;
        return copy;
    }

    // The body as JSON text in which the property at path appears a second time, right after itself, with the value
    // json: {"statement":"A","statement":"B"}. JsonNode cannot hold such an object, so the text is spliced.
    public static string WithDuplicate(this JsonNode body, string path, string json)
    {
        const string Marker = "\"@@duplicate@@\"";
        var original = path.Split('.').Aggregate(body, Step).ToJsonString();
        var name = path.Split('.')[^1];
        return body.With(path, Marker).ToJsonString().Replace(Marker, $"{original},{JsonSerializer.Serialize(name)}:{json}");
    }

    private static JsonNode Step(JsonNode node, string segment)
    {
        var (name, index) = Parse(segment);
        var child = node[name] ?? throw new ArgumentException($"No '{name}' in {node.ToJsonString()}");
        return index is { } i ? child[i]! : child;
    }

    private static (string Name, int? Index) Parse(string segment) =>
        segment.IndexOf('[') is var open and >= 0
            ? (segment[..open], int.Parse(segment[(open + 1)..^1]))
            : (segment, null);
}
