using System.Text.Json.Nodes;

namespace ClaimTracker.Api.Tests.Infrastructure;

// The operations of the API's own OpenAPI document, each as a request that is well-formed where the document
// gives an example: a path with made-up ids and the request example as the body.
public sealed record DocumentedOperation(string Id, string Method, string Path, JsonNode? Example, string? ContentType)
{
    public HttpRequestMessage Request()
    {
        var path = System.Text.RegularExpressions.Regex.Replace(Path, "\\{(?<name>[^}]+)\\}", m =>
            m.Groups["name"].Value == "version" ? "1" : Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(Method.ToUpperInvariant()), path);
        if (Method is "post" or "put")
            request.Content = new StringContent(Example?.ToJsonString() ?? "{}", System.Text.Encoding.UTF8, ContentType ?? "application/json");
        return request;
    }
}

public static class DocumentedOperations
{
    public static async Task<List<DocumentedOperation>> ReadAsync(HttpClient client)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        return (from path in document["paths"]!.AsObject()
                from operation in path.Value!.AsObject()
                let content = operation.Value!["requestBody"]?["content"]?.AsObject()
                let json = content?["application/json"]
                select new DocumentedOperation(
                    (string)operation.Value!["operationId"]!, operation.Key, path.Key, json?["example"]?.DeepClone(),
                    json is null ? content?.FirstOrDefault().Key : "application/json"))
            .Where(o => !o.Path.StartsWith("/health", StringComparison.Ordinal))
            .ToList();
    }
}
