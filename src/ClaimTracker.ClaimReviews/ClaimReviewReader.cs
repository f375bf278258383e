using System.Text;
using System.Text.Json;

namespace ClaimTracker.ClaimReviews;

// Reads every shape ClaimReviews travel in: one ClaimReview, an array, a schema.org DataFeed (dataFeedElement →
// DataFeedItem → item, object or array), an @graph page, a Google Fact Check Tools claims:search answer, and
// arrays or graphs of these. Nodes that are not reviews are skipped inside @graph (pages carry WebPage,
// Organization, BreadcrumbList…) and reported as errors everywhere else, so every item the sender meant as a
// review is either read or named with its path and reason.
public static class ClaimReviewReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static ClaimReviewDocument Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    public static ClaimReviewDocument Read(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, Options);
            return Walk(document.RootElement);
        }
        catch (JsonException e)
        {
            return Malformed(e);
        }
    }

    // The document is parsed from the stream into pooled buffers as it arrives; items are then read one by one.
    public static async Task<ClaimReviewDocument> ReadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(utf8Json, Options, cancellationToken);
            return Walk(document.RootElement);
        }
        catch (JsonException e)
        {
            return Malformed(e);
        }
    }

    private static ClaimReviewDocument Malformed(JsonException e) =>
        new(ClaimReviewShape.Empty, [], [],
            new ClaimReviewDocumentError($"malformed JSON: {FirstSentence(e.Message)}",
                e.LineNumber + 1, e.BytePositionInLine + 1));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static ClaimReviewDocument Walk(JsonElement root)
    {
        var walker = new Walker(new JsonLd(root));
        var shape = walker.Container(root, "", topLevel: true);
        if (shape is null)
            return new(ClaimReviewShape.Empty, [], [], new ClaimReviewDocumentError(
                "not a ClaimReview, an array of them, a DataFeed, an @graph or a Fact Check Tools response", null, null));
        return new(shape.Value, walker.Reviews, walker.Errors, null);
    }

    private sealed class Walker(JsonLd ld)
    {
        public List<ClaimReviewItem> Reviews { get; } = [];
        public List<ClaimReviewItemError> Errors { get; } = [];
        private int next;

        // Reads a value that may hold reviews; null when it is not a shape we know (the caller reports it).
        public ClaimReviewShape? Container(JsonElement value, string path, bool topLevel = false)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                var shapes = new HashSet<ClaimReviewShape>();
                var i = 0;
                foreach (var element in value.EnumerateArray())
                {
                    var elementPath = $"{path}[{i++}]";
                    var inner = Container(element, elementPath);
                    if (inner is null) Fail(elementPath, NotAReview(element));
                    else shapes.Add(inner.Value);
                }
                return shapes.Count == 0 || shapes.SetEquals([ClaimReviewShape.ClaimReview])
                    ? ClaimReviewShape.Array : ClaimReviewShape.Mixed;
            }
            if (value.ValueKind != JsonValueKind.Object) return null;

            if (JsonLd.IsType(value, "ClaimReview") || ld.TryGet(value, "claimReviewed", out _) && !IsFeed(value))
            {
                Review(value, path);
                return ClaimReviewShape.ClaimReview;
            }
            if (IsFeed(value))
            {
                Feed(value, path);
                return ClaimReviewShape.DataFeed;
            }
            if (value.TryGetProperty("@graph", out var graph))
            {
                Graph(graph, Join(path, "@graph"));
                return ClaimReviewShape.Graph;
            }
            if (value.TryGetProperty("claims", out var claims) && claims.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var claim in claims.EnumerateArray()) FactCheckClaim(claim, Join(path, $"claims[{i++}]"));
                return ClaimReviewShape.FactCheckToolsResponse;
            }
            if (value.TryGetProperty("claimReview", out _))
            {
                FactCheckClaim(value, path);
                return ClaimReviewShape.FactCheckToolsResponse;
            }
            // Google answers {} or {"nextPageToken": …} when a search finds nothing.
            if (topLevel && value.TryGetProperty("nextPageToken", out _)) return ClaimReviewShape.FactCheckToolsResponse;
            return null;
        }

        private bool IsFeed(JsonElement value) =>
            JsonLd.IsType(value, "DataFeed") || ld.TryGet(value, "dataFeedElement", out _);

        private void Feed(JsonElement feed, string path)
        {
            if (!ld.TryGet(feed, "dataFeedElement", out var elements)) return;
            var many = elements.ValueKind == JsonValueKind.Array;
            var i = 0;
            foreach (var element in ld.Values(elements))
            {
                var elementPath = Join(path, many ? $"dataFeedElement[{i++}]" : "dataFeedElement");
                if (ld.TryGet(element, "item", out var item))
                {
                    var itemMany = item.ValueKind == JsonValueKind.Array;
                    var j = 0;
                    foreach (var wrapped in ld.Values(item))
                    {
                        var itemPath = itemMany ? $"{elementPath}.item[{j++}]" : $"{elementPath}.item";
                        if (Container(wrapped, itemPath) is null) Fail(itemPath, NotAReview(wrapped));
                    }
                }
                // Some feeds put the ClaimReview straight into dataFeedElement.
                else if (Container(element, elementPath) is null) Fail(elementPath, NotAReview(element));
            }
        }

        private void Graph(JsonElement graph, string path)
        {
            var i = 0;
            foreach (var node in ld.Values(graph))
            {
                var nodePath = $"{path}[{i++}]";
                if (JsonLd.IsType(node, "ClaimReview") || ld.TryGet(node, "claimReviewed", out _)) Review(node, nodePath);
                else if (IsFeed(node)) Feed(node, nodePath);
            }
        }

        private void Review(JsonElement node, string path)
        {
            var index = next++;
            var outcome = ClaimReviewNode.Read(ld, node, index, path.Length == 0 ? "$" : path);
            if (outcome.Item is not null) Reviews.Add(outcome.Item);
            else Errors.Add(new ClaimReviewItemError(index, path.Length == 0 ? "$" : path, outcome.Error!));
        }

        private void FactCheckClaim(JsonElement claim, string path)
        {
            if (claim.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "a claim must be an object");
                return;
            }
            if (!claim.TryGetProperty("claimReview", out var reviews) || reviews.ValueKind != JsonValueKind.Array
                || reviews.GetArrayLength() == 0)
            {
                Fail(path, "claimReview missing: a claim without a review");
                return;
            }
            var i = 0;
            foreach (var review in reviews.EnumerateArray())
            {
                var reviewPath = Join(path, $"claimReview[{i++}]");
                var index = next++;
                var outcome = ClaimReviewNode.ReadFactCheck(ld, claim, review, index, reviewPath);
                if (outcome.Item is not null) Reviews.Add(outcome.Item);
                else Errors.Add(new ClaimReviewItemError(index, reviewPath, outcome.Error!));
            }
        }

        private void Fail(string path, string reason) =>
            Errors.Add(new ClaimReviewItemError(next++, path.Length == 0 ? "$" : path, reason));

        private static string NotAReview(JsonElement value)
        {
            var types = JsonLd.Types(value).ToList();
            return value.ValueKind != JsonValueKind.Object ? $"not a ClaimReview: a JSON {value.ValueKind.ToString().ToLowerInvariant()}"
                : types.Count > 0 ? $"not a ClaimReview: @type {string.Join(", ", types)}"
                : "claimReviewed missing";
        }

        private static string Join(string path, string step) => path.Length == 0 ? step : $"{path}.{step}";
    }
}
