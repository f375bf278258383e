using System.Globalization;
using System.Text.Json;

namespace ClaimTracker.ClaimReviews;

// Tolerant reading of the JSON-LD that real feeds publish: keys may be compact ("claimReviewed"), prefixed
// ("schema:claimReviewed") or full IRIs ("http://schema.org/claimReviewed", either scheme); any value may be a
// single item or an array, a plain string or an {"@value": …} object; nodes may point at each other by "@id".
internal sealed class JsonLd
{
    private readonly Dictionary<string, JsonElement> nodesById = new(StringComparer.Ordinal);

    public JsonLd(JsonElement root) => CollectNodes(root, depth: 0);

    public bool TryGet(JsonElement node, string name, out JsonElement value)
    {
        value = default;
        if (node.ValueKind != JsonValueKind.Object) return false;
        foreach (var property in node.EnumerateObject())
        {
            if (!string.Equals(LocalName(property.Name), name, StringComparison.OrdinalIgnoreCase)) continue;
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            value = Resolve(property.Value);
            return true;
        }
        return false;
    }

    // Every value of a property, arrays flattened and references resolved; none when the property is absent.
    public IEnumerable<JsonElement> All(JsonElement node, string name) =>
        TryGet(node, name, out var value) ? Values(value) : [];

    public IEnumerable<JsonElement> Values(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in value.EnumerateArray())
                if (element.ValueKind != JsonValueKind.Null)
                    yield return Resolve(element);
        }
        else if (value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.Undefined)
            yield return Resolve(value);
    }

    public string? Text(JsonElement node, string name) => TryGet(node, name, out var value) ? Text(value) : null;

    // The first non-blank text of a value; objects count only through "@value" (callers read names themselves).
    public string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Clean(value.GetString()),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => Values(value).Select(Text).FirstOrDefault(t => t is not null),
        JsonValueKind.Object => TryGet(value, "@value", out var inner) ? Text(inner) : null,
        _ => null,
    };

    public static IEnumerable<string> Types(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object) yield break;
        foreach (var property in node.EnumerateObject())
        {
            if (property.Name != "@type" && LocalName(property.Name) != "type") continue;
            if (property.Value.ValueKind == JsonValueKind.String) yield return LocalName(property.Value.GetString()!);
            else if (property.Value.ValueKind == JsonValueKind.Array)
                foreach (var type in property.Value.EnumerateArray())
                    if (type.ValueKind == JsonValueKind.String) yield return LocalName(type.GetString()!);
        }
    }

    public static bool IsType(JsonElement node, string type) =>
        Types(node).Any(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));

    // "http://schema.org/ClaimReview", "https://schema.org/ClaimReview" and "schema:ClaimReview" all name ClaimReview.
    public static string LocalName(string name)
    {
        if (name.StartsWith('@')) return name;
        var cut = name.LastIndexOfAny(['/', '#', ':']);
        return cut >= 0 ? name[(cut + 1)..] : name;
    }

    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    public static double? Number(string? text)
    {
        if (text is null) return null;
        var normal = text.Trim();
        // "4,5" from feeds written with a European locale; a thousands separator never appears in a rating.
        if (!normal.Contains('.') && normal.Count(c => c == ',') == 1) normal = normal.Replace(',', '.');
        return double.TryParse(normal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
               && double.IsFinite(number) ? number : null;
    }

    // A bare {"@id": …} stands for the node with that id elsewhere in the document (common in @graph pages).
    private JsonElement Resolve(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) return value;
        string? id = null;
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (property.Name == "@id" && property.Value.ValueKind == JsonValueKind.String) id = property.Value.GetString();
        }
        return count == 1 && id is not null && nodesById.TryGetValue(id, out var node) ? node : value;
    }

    private void CollectNodes(JsonElement value, int depth)
    {
        // Deeper than any real ClaimReview; the reader's own depth limit guards the rest.
        if (depth > 16) return;
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in value.EnumerateArray()) CollectNodes(element, depth + 1);
            return;
        }
        if (value.ValueKind != JsonValueKind.Object) return;
        var count = 0;
        string? id = null;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (property.Name == "@id" && property.Value.ValueKind == JsonValueKind.String) id = property.Value.GetString();
            else CollectNodes(property.Value, depth + 1);
        }
        if (id is not null && count > 1) nodesById.TryAdd(id, value);
    }
}
