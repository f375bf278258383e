using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Infrastructure;

// BCP 47 language tags as articles and lexicon terms carry them: "en", "en-GB", "zh-Hant".
public static partial class LanguageTags
{
    public const string Default = "en";
    public const int MaxLength = 35;
    public const string Rule = "a BCP 47 tag such as en or en-GB";

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    public static partial Regex Pattern();

    public static bool IsValid(string? tag) => tag is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(tag);

    // Tags compare case-insensitively; store them the way RFC 5646 recommends writing them (en-GB, zh-Hant).
    public static string Normalize(string tag)
    {
        var parts = tag.Trim().Split('-');
        for (var i = 0; i < parts.Length; i++)
            parts[i] = i > 0 && parts[i].Length == 2 ? parts[i].ToUpperInvariant()
                : i > 0 && parts[i].Length == 4 ? char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant()
                : parts[i].ToLowerInvariant();
        return string.Join('-', parts);
    }

    // The tag and each shorter prefix, most specific first: "zh-Hant-TW" -> zh-Hant-TW, zh-Hant, zh.
    public static IReadOnlyList<string> Fallbacks(string tag)
    {
        var parts = tag.Split('-');
        return Enumerable.Range(1, parts.Length).Reverse().Select(n => string.Join('-', parts[..n])).ToList();
    }
}
