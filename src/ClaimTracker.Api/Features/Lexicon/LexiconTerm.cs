using System.Globalization;
using System.Text.RegularExpressions;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Lexicon;

// One phrase on one published scale in one language. A phrase several scales define ("likely") has one row
// each; HedgeMatcher.ScalePrecedence decides which row a match uses. Language, scale and phrase are the
// term's identity and never change: a different phrase is a different term (retire the old one, add a new one).
// Terms are retired, never deleted, so every change row and every report can still name what it read.
public sealed partial class LexiconTerm
{
    public const int MaxPhraseLength = 200;
    public const int MaxScaleLength = 50;
    public const string ScaleRule = "lower-case letters and digits in words joined by single hyphens (claimtracker, icd-203), at most 50";

    private LexiconTerm() { }

    public Guid Id { get; private set; }
    public string Language { get; private set; } = LanguageTags.Default;
    public string Phrase { get; private set; } = "";
    public List<string> Variants { get; private set; } = [];
    public double Probability { get; private set; }
    public double Low { get; private set; }
    public double High { get; private set; }
    public CuePolarity Polarity { get; private set; }
    public CueCategory Category { get; private set; }
    public string Scale { get; private set; } = "";
    public string? Note { get; private set; }
    public bool Inflect { get; private set; }
    public bool LowercaseOnly { get; private set; }

    // Lexicon versions (see LexiconVersion) in which the term was added, last changed and retired.
    public int CreatedInVersion { get; private set; }
    public int UpdatedInVersion { get; private set; }
    public int? RetiredInVersion { get; private set; }

    // The row's own version, for optimistic concurrency like Source.Version.
    public int Version { get; private set; }

    public bool IsRetired => RetiredInVersion is not null;

    public static LexiconTerm From(LexiconFile.Term term, string language, int lexiconVersion) =>
        Add(language, term.Scale, term.Phrase, new LexiconTermFields(
            term.Probability, term.Low, term.High, term.Polarity, term.Category, term.Variants, term.Note, term.Inflect, term.LowercaseOnly),
            lexiconVersion);

    public static LexiconTerm Add(string language, string scale, string phrase, LexiconTermFields fields, int lexiconVersion)
    {
        var term = new LexiconTerm
        {
            Id = Guid.CreateVersion7(),
            Language = LanguageTags.Normalize(language),
            Scale = scale.Trim(),
            Phrase = NormalizePhrase(phrase),
            CreatedInVersion = lexiconVersion,
            Version = 1,
        };
        term.Apply(fields, lexiconVersion);
        return term;
    }

    // What changed, as the lexicon version's summary says it ("probability 0.7 -> 0.6"); empty when the
    // fields are what the term already holds, so that an unchanged PUT creates no lexicon version.
    public IReadOnlyList<string> Change(LexiconTermFields fields, int lexiconVersion)
    {
        if (IsRetired)
            throw new ConflictException($"The term '{Phrase}' ({Scale}) was retired in lexicon version {RetiredInVersion}; add a new term instead.");
        var next = Normalize(fields);
        var differences = Differences(Fields(), next);
        if (differences.Count == 0) return differences;
        Apply(next, lexiconVersion);
        Version++;
        return differences;
    }

    public void Retire(int lexiconVersion)
    {
        if (IsRetired)
            throw new ConflictException($"The term '{Phrase}' ({Scale}) was already retired in lexicon version {RetiredInVersion}.");
        RetiredInVersion = lexiconVersion;
        UpdatedInVersion = lexiconVersion;
        Version++;
    }

    public LexiconTermFields Fields() => new(Probability, Low, High, Polarity, Category, Variants, Note, Inflect, LowercaseOnly);

    public LexiconTermState State() => new()
    {
        Phrase = Phrase, Language = Language, Scale = Scale, Variants = [.. Variants], Probability = Probability, Low = Low, High = High,
        Polarity = Polarity, Category = Category, Note = Note, Inflect = Inflect, LowercaseOnly = LowercaseOnly,
    };

    public LexiconEntry ToEntry() =>
        new(Phrase, Probability, Low, High, Polarity, Category, Scale, Variants, Id, Inflect, LowercaseOnly);

    public static bool IsValidScale(string? scale) => scale is { Length: > 0 and <= MaxScaleLength } && ScalePattern().IsMatch(scale);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ScalePattern();

    // The matcher lower-cases text anyway; storing phrases lower-cased and trimmed keeps (language, scale, phrase) unique in meaning.
    public static string NormalizePhrase(string phrase) => string.Join(' ', phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private void Apply(LexiconTermFields fields, int lexiconVersion)
    {
        var normalized = Normalize(fields);
        Probability = normalized.Probability;
        Low = normalized.Low;
        High = normalized.High;
        Polarity = normalized.Polarity;
        Category = normalized.Category;
        Variants = [.. normalized.Variants!];
        Note = normalized.Note;
        Inflect = normalized.Inflect;
        LowercaseOnly = normalized.LowercaseOnly;
        UpdatedInVersion = lexiconVersion;
    }

    private static LexiconTermFields Normalize(LexiconTermFields fields) => fields with
    {
        Variants = (fields.Variants ?? []).Select(NormalizePhrase).Where(v => v.Length > 0).Distinct().ToList(),
        Note = string.IsNullOrWhiteSpace(fields.Note) ? null : fields.Note.Trim(),
    };

    private static List<string> Differences(LexiconTermFields before, LexiconTermFields after)
    {
        var differences = new List<string>();
        void Compare<T>(string name, T from, T to, Func<T, string> show)
        {
            if (!EqualityComparer<T>.Default.Equals(from, to)) differences.Add($"{name} {show(from)} -> {show(to)}");
        }
        static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
        Compare("probability", before.Probability, after.Probability, Number);
        Compare("low", before.Low, after.Low, Number);
        Compare("high", before.High, after.High, Number);
        Compare("polarity", before.Polarity, after.Polarity, SnakeCase.Name);
        Compare("category", before.Category, after.Category, SnakeCase.Name);
        Compare("inflect", before.Inflect, after.Inflect, b => b ? "true" : "false");
        Compare("lowercaseOnly", before.LowercaseOnly, after.LowercaseOnly, b => b ? "true" : "false");
        if (!before.Variants!.SequenceEqual(after.Variants!)) differences.Add("variants");
        if (before.Note != after.Note) differences.Add("note");
        return differences;
    }
}

// Everything about a term that can change; its identity (language, scale, phrase) is not here.
public sealed record LexiconTermFields(
    double Probability, double Low, double High, CuePolarity Polarity, CueCategory Category,
    IReadOnlyList<string>? Variants, string? Note, bool Inflect, bool LowercaseOnly);

public sealed class LexiconTermConfiguration : IEntityTypeConfiguration<LexiconTerm>
{
    public void Configure(EntityTypeBuilder<LexiconTerm> builder)
    {
        builder.ToTable("lexicon_terms", t =>
        {
            t.HasCheckConstraint("ck_lexicon_terms_probability", "low >= 0 AND low <= probability AND probability <= high AND high <= 1");
        });
        builder.Property(t => t.Language).HasMaxLength(LanguageTags.MaxLength);
        builder.Property(t => t.Phrase).HasMaxLength(LexiconTerm.MaxPhraseLength);
        builder.Property(t => t.Scale).HasMaxLength(LexiconTerm.MaxScaleLength);
        builder.Property(t => t.Polarity).HasMaxLength(20);
        builder.Property(t => t.Category).HasMaxLength(20);
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.IsRetired);
        // One active term per phrase and scale; a retired one may be followed by a new term with the same phrase.
        builder.HasIndex(t => new { t.Language, t.Scale, t.Phrase }).IsUnique().HasFilter("retired_in_version IS NULL");
        builder.HasIndex(t => new { t.Language, t.Phrase });
    }
}
