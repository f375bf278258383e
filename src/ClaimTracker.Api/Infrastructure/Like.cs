namespace ClaimTracker.Api.Infrastructure;

// User text inside an ILIKE pattern: '%', '_' and '\' are literals, not wildcards.
public static class Like
{
    public static string Contains(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
