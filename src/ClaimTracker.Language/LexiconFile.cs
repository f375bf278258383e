using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimTracker.Language;

// The lexicon's interchange form: seeds/lexicon.json, one term a line.
public sealed record LexiconFile(
    string Language,
    IReadOnlyDictionary<string, string> Scales,
    IReadOnlyList<LexiconFile.Term> Terms)
{
    public sealed record Term(
        string Phrase,
        double Probability,
        double Low,
        double High,
        CuePolarity Polarity,
        CueCategory Category,
        string Scale,
        IReadOnlyList<string>? Variants = null,
        string? Note = null,
        bool Inflect = false,
        bool LowercaseOnly = false)
    {
        public LexiconEntry ToEntry() =>
            new(Phrase, Probability, Low, High, Polarity, Category, Scale, Variants, Inflect: Inflect, LowercaseOnly: LowercaseOnly);
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static LexiconFile Read(string path) =>
        JsonSerializer.Deserialize<LexiconFile>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path} holds no lexicon");
}
