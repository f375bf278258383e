using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimTracker.ClaimReviews;

// seeds/rating-crosswalk.json: groups of labels sharing a language, an optional publisher site and an outcome,
// plus the numeric scales known to be ordered by truth. Flattened into CrosswalkEntry rows for the crosswalk (and
// for the table the API will edit).
public sealed record CrosswalkFile(
    IReadOnlyList<CrosswalkFile.Group> Entries,
    IReadOnlyDictionary<string, NumericScale>? NumericScales = null,
    string? About = null)
{
    public sealed record Group(
        string? Language,
        VerdictOutcome Outcome,
        IReadOnlyList<string> Labels,
        string? Publisher = null,
        string? Note = null);

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static CrosswalkFile Parse(string json) =>
        JsonSerializer.Deserialize<CrosswalkFile>(json, JsonOptions)
        ?? throw new InvalidDataException("the crosswalk file holds nothing");

    public IEnumerable<CrosswalkEntry> Flatten() =>
        Entries.SelectMany(group => group.Labels.Select(label =>
            new CrosswalkEntry(label, group.Outcome, group.Language, group.Publisher)));
}

// Language null: every language. Publisher null: every publisher. Publisher is a site ("politifact.com"); its
// subdomains ("factcheck.afp.com" under "afp.com") share its entries.
public sealed record CrosswalkEntry(string Label, VerdictOutcome Outcome, string? Language = null, string? Publisher = null);

// A publisher's numeric scale, declared by someone who has checked that its numbers rank truth. Values, when given,
// name the outcome of each rating value exactly; otherwise the value's place between worst and best decides.
public sealed record NumericScale(
    double Best,
    double Worst,
    bool OrderedByTruth,
    IReadOnlyDictionary<string, VerdictOutcome>? Values = null);
