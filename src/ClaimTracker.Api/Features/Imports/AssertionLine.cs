using System.Collections.Frozen;
using System.Globalization;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Imports;

// One line of an import file, checked: what one source said about one claim.
public sealed record AssertionLine(
    string Source,
    string? Question,
    string Claim,
    Polarity Polarity,
    double? Confidence,
    string[]? HedgeWords,
    DateTimeOffset? Time,
    Resolution? Resolution)
{
    public const string SourceField = "source";
    public const string QuestionField = "question";
    public const string ClaimField = "claim";
    public const string PolarityField = "polarity";
    public const string ConfidenceField = "confidence";
    public const string HedgeWordsField = "hedgeWords";
    public const string TimeField = "time";
    public const string ResolutionField = "resolution";

    // The order is the index RawLine and the CSV header use.
    public static readonly string[] Fields =
        [SourceField, QuestionField, ClaimField, PolarityField, ConfidenceField, HedgeWordsField, TimeField, ResolutionField];

    public static readonly string[] RequiredFields = [SourceField, ClaimField, PolarityField];

    public const int MaxSourceLength = 200;
    public const int MaxHedgeWordLength = 100;

    public static int FieldIndex(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < Fields.Length; i++)
            if (name.Equals(Fields[i], StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    // The checks every line passes whatever its format; the first one it fails is its error.
    public static AssertionLine? Check(in RawLine raw, out string? error)
    {
        string? source = null, claim = null, question = null;
        Polarity? polarity = null;
        string[]? hedgeWords = null;
        DateTimeOffset? time = null;
        Resolution? resolution = null;
        error = Text(raw.Source, SourceField, MaxSourceLength, required: true, out source)
            ?? Text(raw.Claim, ClaimField, Claims.Claim.MaxStatementLength, required: true, out claim)
            ?? Text(raw.Question, QuestionField, Claims.Question.MaxKeyLength, required: false, out question)
            ?? Choice(raw.Polarity, PolarityField, required: true, out polarity)
            ?? ConfidenceError(raw.Confidence)
            ?? HedgeWordsOf(raw.HedgeWords, out hedgeWords)
            ?? TimeOf(raw.Time, out time)
            ?? Choice(raw.Resolution, ResolutionField, required: false, out resolution)
            ?? (resolution == Claims.Resolution.Superseded
                ? $"'{ResolutionField}' cannot be 'superseded' in an import: it needs the time the claim stopped holding; use POST /claims/{{id}}/resolution."
                : null);
        return error is null
            ? new AssertionLine(source!, question, claim!, polarity!.Value, raw.Confidence, hedgeWords, time, resolution)
            : null;
    }

    private static string? Text(string? given, string field, int maxLength, bool required, out string? value)
    {
        value = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
        if (value is null) return required ? $"'{field}' is required." : null;
        if (value.Length > maxLength) return $"'{field}' is longer than {maxLength} characters.";
        return value.Contains('\0') ? $"'{field}' contains the NUL character (\\u0000), which text may not contain." : null;
    }

    private static string? Choice<TEnum>(string? given, string field, bool required, out TEnum? value) where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(given)) return required ? $"'{field}' is required: one of {SnakeCase.Names<TEnum>()}." : null;
        value = SnakeNames.Parse<TEnum>(given);
        return value is null ? $"'{field}' is one of {SnakeCase.Names<TEnum>()}." : null;
    }

    private static string? ConfidenceError(double? confidence) =>
        confidence is { } p && !(double.IsFinite(p) && p is >= 0 and <= 1) ? ConfidenceRule : null;

    public const string ConfidenceRule = "'confidence' is a probability between 0 and 1.";

    private static string? HedgeWordsOf(List<string>? given, out string[]? words)
    {
        words = null;
        if (given is null || given.Count == 0) return null;
        if (given.Count > ReportInput.MaxHedgeWords) return $"At most {ReportInput.MaxHedgeWords} hedge words.";
        var trimmed = new string[given.Count];
        for (var i = 0; i < given.Count; i++)
        {
            if (Text(given[i], HedgeWordsField, MaxHedgeWordLength, required: true, out var word) is { } error)
                return error.Replace("is required", "holds an empty word", StringComparison.Ordinal);
            trimmed[i] = word!;
        }
        words = trimmed;
        return null;
    }

    private static string? TimeOf(string? given, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(given)) return null;
        if (!Dates.TryParse(given, out var parsed)) return $"'{TimeField}': {Dates.FormatRule}";
        if (!Dates.IsPlausible(parsed)) return $"'{TimeField}': {Dates.PlausibleRule}";
        time = parsed;
        return null;
    }

    public static bool TryParseConfidence(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

// A line's values as the file wrote them, before they are checked.
public struct RawLine
{
    public string? Source;
    public string? Question;
    public string? Claim;
    public string? Polarity;
    public double? Confidence;
    public List<string>? HedgeWords;
    public string? Time;
    public string? Resolution;
}

// SnakeCase's names, looked up once per enum rather than converted for every line of a million-line file.
public static class SnakeNames
{
    public static TEnum? Parse<TEnum>(string text) where TEnum : struct, Enum =>
        Names<TEnum>.ByName.TryGetValue(text.Trim(), out var value) ? value : null;

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(SnakeCase.Name, v => v, StringComparer.OrdinalIgnoreCase);

        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, SnakeCase.Name);
    }
}
