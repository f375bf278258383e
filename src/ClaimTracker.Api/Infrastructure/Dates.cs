using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ClaimTracker.Api.Infrastructure;

public static partial class Dates
{
    // News older than the printing press or more than a day ahead of the clock is a typo, not a report.
    public static readonly DateTimeOffset Earliest = new(1450, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);
    public const string PlausibleRule = "Dates must lie between 1450 and one day from now.";
    public const string FormatRule = "A time is ISO 8601 with its time zone offset, e.g. 2023-09-11T08:00:00Z or 2023-09-11T17:00:00+09:00.";

    public static bool IsPlausible(DateTimeOffset? value) =>
        value is null || (value >= Earliest && value <= DateTimeOffset.UtcNow + FutureTolerance);

    // A time without an offset would be read in the server's own zone; refuse it rather than guess.
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        text = text?.Trim().Replace(' ', '+'); // a '+' offset left unescaped in a query string arrives as a space
        return text is not null && ExplicitOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();

    public sealed class JsonConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var value)
                ? value
                : throw new JsonException(FormatRule);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}

// PostgreSQL text cannot hold U+0000; say so at the field instead of failing at the database.
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public const string Rule = "Text may not contain the NUL character (\\u0000).";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("Expected a string.");
        return text is not null && text.Contains('\0') ? throw new JsonException(Rule) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
