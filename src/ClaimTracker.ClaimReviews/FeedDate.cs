using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimTracker.ClaimReviews;

// Feeds write "2023-09-13", "2023-09-13T10:00:00", "2023-09-13T10:00:00+02:00", "2023-09-13 10:00:00Z" or
// "September 13, 2023". All become UTC instants; a date or time without a zone is taken as UTC (a day's error
// at most, which no verdict depends on). Numeric dates with slashes are refused: "03/04/2023" is March in one
// country and April in the next.
internal static partial class FeedDate
{
    public static bool TryParse(string? text, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        if (IsoStart().IsMatch(trimmed) || trimmed.Any(char.IsLetter) && !trimmed.Contains('/'))
        {
            if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                date = parsed.ToUniversalTime();
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoStart();
}
