namespace ClaimTracker.Api.Infrastructure;

// User text inside an ILIKE pattern: '%', '_' and '\' are literals, not wildcards.
// Pass Escape to EF.Functions.ILike: without it Npgsql writes ESCAPE '' and the backslashes stop escaping.
public static class Like
{
    public const string Escape = "\\";

    public static string Contains(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
