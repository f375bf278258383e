using System.Globalization;

namespace ClaimTracker.ClaimReviews;

// Textual rating → outcome, per publisher and per language. The order of trust:
//   1. an entry for the publisher's site (or a parent domain) in the review's language, then in every language;
//   2. an entry for the review's language, then one for every language;
//   3. when the review's language lacks the label (or is not declared), the label's entries in other languages,
//      if they all agree ("Falso" is false in Spanish and Portuguese alike);
//   4. only then a numeric rating, and only on a scale declared ordered by truth for that publisher.
// A label found nowhere is Unmapped: the review is imported without a verdict rather than guessed at.
//
// Why numbers come last and need a declaration: ratingValue/bestRating/worstRating are required by some consumers
// of ClaimReview, so publishers fill them with whatever satisfies a validator. Real feeds rate every verdict 4 of 6,
// or "true" 6 of 5; nothing in the feed says which publishers mean them. The numbers are kept raw on the item and
// used only where the crosswalk file vouches for the scale.
public sealed class RatingCrosswalk
{
    private readonly Dictionary<(string? Publisher, string? Language, string Label), VerdictOutcome> entries = new();
    private readonly Dictionary<string, List<(string? Language, VerdictOutcome Outcome)>> byLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NumericScale> scales = new(StringComparer.OrdinalIgnoreCase);

    public RatingCrosswalk(IEnumerable<CrosswalkEntry> entries, IReadOnlyDictionary<string, NumericScale>? numericScales = null)
    {
        var conflicts = new List<string>();
        var all = new List<CrosswalkEntry>();
        foreach (var entry in entries)
        {
            var label = RatingLabel.Normalize(entry.Label);
            if (label.Length == 0) throw new InvalidDataException($"a crosswalk entry for {entry.Outcome} has an empty label");
            var key = (Site(entry.Publisher), Language(entry.Language), label);
            if (this.entries.TryGetValue(key, out var existing))
            {
                if (existing != entry.Outcome)
                    conflicts.Add($"'{entry.Label}' ({key.Item2 ?? "any language"}, {key.Item1 ?? "any publisher"}) is both {existing} and {entry.Outcome}");
                continue;
            }
            this.entries[key] = entry.Outcome;
            all.Add(entry);
            if (key.Item1 is null)
            {
                if (!byLabel.TryGetValue(label, out var list)) byLabel[label] = list = [];
                list.Add((key.Item2, entry.Outcome));
            }
        }
        if (conflicts.Count > 0) throw new InvalidDataException("crosswalk conflicts: " + string.Join("; ", conflicts));
        Entries = all;
        foreach (var (site, scale) in numericScales ?? new Dictionary<string, NumericScale>())
        {
            if (scale.Best <= scale.Worst) throw new InvalidDataException($"numeric scale of {site}: best must be above worst");
            scales[Site(site) ?? site] = scale;
        }
        NumericScales = scales;
    }

    public IReadOnlyList<CrosswalkEntry> Entries { get; }
    public IReadOnlyDictionary<string, NumericScale> NumericScales { get; }

    public static RatingCrosswalk Parse(string json)
    {
        var file = CrosswalkFile.Parse(json);
        return new RatingCrosswalk(file.Flatten(), file.NumericScales);
    }

    public static RatingCrosswalk Load(string path) => Parse(File.ReadAllText(path));

    public RatingVerdict Map(ClaimReviewItem review) =>
        Map(review.TextualRating, review.LabelLanguage, review.Publisher?.Site, review.NumericRating);

    public RatingVerdict Map(string? textualRating, string? language, string? publisherSite, NumericRating? numeric = null)
    {
        var label = RatingLabel.Normalize(textualRating);
        var original = label.Length == 0 ? null : textualRating!.Trim();
        var lang = Language(language);
        var sites = SiteAndParents(Site(publisherSite)).ToList();
        string? note = null;

        if (label.Length > 0)
        {
            foreach (var site in sites)
            {
                if (lang is not null && entries.TryGetValue((site, lang, label), out var outcome)
                    || entries.TryGetValue((site, null, label), out outcome))
                    return new(VerdictSource.PublisherLabel, outcome, original, $"publisher {site}");
            }
            if (lang is not null && entries.TryGetValue((null, lang, label), out var byLanguage)
                || entries.TryGetValue((null, null, label), out byLanguage))
                return new(VerdictSource.LanguageLabel, byLanguage, original);
            if (byLabel.TryGetValue(label, out var elsewhere))
            {
                var outcomes = elsewhere.Select(e => e.Outcome).Distinct().ToList();
                var languages = string.Join(", ", elsewhere.Select(e => e.Language ?? "any").Distinct());
                if (outcomes.Count == 1)
                    return new(VerdictSource.OtherLanguageLabel, outcomes[0], original, $"known in {languages}");
                note = $"'{original}' means different outcomes in {languages}";
            }
        }

        if (numeric?.Value is { } value && sites.Select(s => scales.GetValueOrDefault(s)).FirstOrDefault(s => s is not null) is { } scale)
        {
            if (FromScale(scale, value, numeric) is { } fromScale)
                return new(VerdictSource.NumericScale, fromScale, original, note ?? (original is null ? null : $"label '{original}' unmapped"));
            note ??= "the rating does not fit the declared scale";
        }

        return original is null
            ? new(VerdictSource.NoRating, null, null, note)
            : new(VerdictSource.Unmapped, null, original, note);
    }

    private static VerdictOutcome? FromScale(NumericScale scale, double value, NumericRating rating)
    {
        if (!scale.OrderedByTruth) return null;
        // A review that states another scale than the declared one is not on that scale.
        if (rating.Best is { } best && best != scale.Best || rating.Worst is { } worst && worst != scale.Worst) return null;
        if (value < scale.Worst || value > scale.Best) return null;
        if (scale.Values is not null)
            return scale.Values.TryGetValue(value.ToString(CultureInfo.InvariantCulture), out var exact) ? exact : null;
        // Bands on the value's place: PolitiFact's 0–5 gives false, false, false, mixed, mostly true, true;
        // a 1–5 scale gives false, false, mixed, mostly true, true.
        var place = (value - scale.Worst) / (scale.Best - scale.Worst);
        return place switch
        {
            >= 1 => VerdictOutcome.True,
            >= 0.75 => VerdictOutcome.MostlyTrue,
            >= 0.5 => VerdictOutcome.Mixed,
            _ => VerdictOutcome.False,
        };
    }

    private static IEnumerable<string> SiteAndParents(string? site)
    {
        while (site is not null && site.Contains('.'))
        {
            yield return site;
            site = site[(site.IndexOf('.') + 1)..];
        }
    }

    private static string? Site(string? site) => ClaimReviewNode.Site(site);

    // Labels are shared by a language's regional variants: "pt-BR" reads the "pt" entries.
    private static string? Language(string? language) =>
        ClaimReviewNode.NormalizeLanguage(language)?.Split('-')[0];
}
