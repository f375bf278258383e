using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Infrastructure;

// A resource whose row version is its ETag: "3".
public interface IVersioned
{
    int Version { get; }
}

// HTTP's own optimistic concurrency, beside the 'version' field: a GET answers ETag: "<version>", an update
// may send it back as If-Match instead of (or as well as) 'version', and a stale one gets 412 Precondition Failed.
// The ETag names the row version, not the whole answer (a source's track record changes without a new version),
// so it is not offered for caching: If-None-Match is not answered with 304.
public static class Preconditions
{
    public static string ETag(int version) => $"\"{version}\"";

    // Sets ETag on answers that carry a versioned resource.
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is not IValueHttpResult { Value: IVersioned resource }) return result;
            context.HttpContext.Response.Headers.ETag = ETag(resource.Version);
            return result;
        });

    // An update's expected version: If-Match when sent, else the body's 'version'.
    public static int? ExpectedVersion(this HttpRequest request, int? bodyVersion)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0) return bodyVersion;
        var text = values.Count == 1 ? values[0]!.Trim() : "";
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        if (text.Length < 3 || text[0] != '"' || text[^1] != '"' || !int.TryParse(text[1..^1], out var version) || version < 1)
            throw new BadHttpRequestException(
                "If-Match is the one ETag a GET answered for this resource, e.g. If-Match: \"3\" (a wildcard or a list is not accepted).");
        if (bodyVersion is not null && bodyVersion != version)
            throw new BadHttpRequestException($"'version' {bodyVersion} and If-Match {values[0]} disagree; send one, or the same in both.");
        return version;
    }

    // Documents If-Match on an update.
    public static RouteHandlerBuilder AcceptsIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new AcceptsIfMatchHeader())
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), ["application/problem+json"]));
}

public sealed record AcceptsIfMatchHeader;

// The resource has moved on since the client read it. With If-Match that is 412; with the body's 'version', 409.
public sealed class StaleVersionException(string detail) : Exception(detail);
