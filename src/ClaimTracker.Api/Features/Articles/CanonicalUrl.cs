namespace ClaimTracker.Api.Features.Articles;

// One article, one URL: scheme and host lower-cased, default port, fragment, tracking parameters
// (utm_*, fbclid, gclid) and a trailing slash dropped. Everything else is kept as the publisher wrote it.
public static class CanonicalUrl
{
    public const int MaxLength = 2000;

    public static bool TryCreate(string? text, out string canonical)
    {
        canonical = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return false;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return false;
        if (string.IsNullOrEmpty(uri.Host)) return false;

        var query = string.Join('&', uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0])));
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : uri.AbsolutePath;
        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        canonical = $"{uri.Scheme}://{uri.IdnHost}{port}{path}{(query.Length > 0 ? "?" + query : "")}";
        return canonical.Length <= MaxLength;
    }

    public static string Create(string text) =>
        TryCreate(text, out var canonical) ? canonical : throw new FormatException($"'{text}' is not an http(s) URL");

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("fbclid", StringComparison.OrdinalIgnoreCase)
        || name.Equals("gclid", StringComparison.OrdinalIgnoreCase);
}
