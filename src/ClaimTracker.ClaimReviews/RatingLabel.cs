using System.Globalization;
using System.Text;

namespace ClaimTracker.ClaimReviews;

// The form labels are compared in: "Pants on Fire!", "PANTS ON FIRE" and "pants-on-fire" are one label; so are
// "Engañoso" and "Enganoso", "Irreführend" and "irrefuhrend", "مضلِّل" and "مضلل". Case, diacritics (Arabic
// harakat included), punctuation and spacing carry no verdict in any seeded language.
public static class RatingLabel
{
    public static string Normalize(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return "";
        var builder = new StringBuilder(label.Length);
        var pendingSpace = false;
        // Compatibility decomposition also splits Arabic hamza carriers (أ → ا + hamza) and folds full-width forms.
        foreach (var c in label.Normalize(NormalizationForm.FormKD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || c == '\u0640') // tatweel stretches, says nothing
                continue;
            if (!char.IsLetterOrDigit(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(Fold(char.ToLowerInvariant(c)));
        }
        return builder.ToString();
    }

    private static string Fold(char c) => c switch
    {
        'ß' => "ss",
        '\u0649' => "\u064A", // alef maqsura ى written for yeh ي
        '\u0629' => "\u0647", // teh marbuta ة written as heh ه
        _ => c.ToString(),
    };
}
