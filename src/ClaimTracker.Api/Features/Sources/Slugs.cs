using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Features.Sources;

// "The New York Times" -> "the-new-york-times"; an unnamed source scoped by Yonhap -> "yonhap.unidentified-official".
public static partial class Slugs
{
    public const int MaxLength = 120;
    public const string Rule = "lower-case letters, digits and single hyphens, optionally 'scope.name'";

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)?$")]
    public static partial Regex Pattern();

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

    public static string From(string name, string? scopeSlug = null)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var own = builder.ToString().Trim('-');
        if (own.Length == 0) own = "source";
        var slug = scopeSlug is null ? own : $"{scopeSlug.Split('.')[0]}.{own}";
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }
}
