using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Features.Sources;

// "The New York Times" -> "the-new-york-times", "Société Générale" -> "societe-generale", "新华社" -> "新华社";
// an unnamed source scoped by Yonhap -> "yonhap.unidentified-official".
public static partial class Slugs
{
    public const int MaxPartLength = 100;
    public const int MaxLength = 2 * MaxPartLength + 1;
    public const string Rule = "lower-case letters (any script), digits and single hyphens, at most 100 of them, optionally as 'scope.name'";

    [GeneratedRegex(@"^(?<part>[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+)*)(?:\.(?<part>[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Mc}\p{Nd}]+)*))?$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= MaxLength } && Pattern().Match(slug) is { Success: true } match
        && match.Groups["part"].Captures.All(part => part.Length <= MaxPartLength);

    public static string From(string name, string? scopeSlug = null)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Accents on Latin letters fold away (é -> e); marks that are part of other scripts' letters stay.
            if (category == UnicodeCategory.NonSpacingMark && builder.Length > 0 && char.IsAscii(builder[^1])) continue;
            if (IsSlugCharacter(category)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var own = Shorten(builder.ToString().Normalize(NormalizationForm.FormC).Trim('-'));
        // A name of punctuation alone still needs a stable slug of its own.
        if (own.Length == 0) own = $"source-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8]}";
        return scopeSlug is null ? own : $"{scopeSlug.Split('.')[0]}.{own}";
    }

    private static string Shorten(string part) => part.Length <= MaxPartLength ? part : part[..MaxPartLength].TrimEnd('-');

    private static bool IsSlugCharacter(UnicodeCategory category) => category is
        UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber;
}
