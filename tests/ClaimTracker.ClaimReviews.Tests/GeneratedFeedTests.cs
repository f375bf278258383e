using System.Text.Json.Nodes;
using ClaimTracker.ClaimReviews;

namespace ClaimTracker.ClaimReviews.Tests;

// A feed of 1,000 reviews in five languages with known, unknown and broken items: every item must come back
// either read or reported at its own path with its own reason, and every unknown label listed as unmapped.
public class GeneratedFeedTests
{
    private enum Kind { Known, Unknown, NoClaim, BadScale }

    private static readonly Dictionary<string, string[]> KnownLabels = new()
    {
        ["en"] = ["False", "Mostly True", "Pants on Fire", "Misleading", "Satire"],
        ["es"] = ["Falso", "Engañoso", "Sin contexto", "Verdadero"],
        ["pt"] = ["Falso", "Enganoso", "Sem contexto", "Exagerado"],
        ["fr"] = ["Faux", "Trompeur", "Vrai", "Infondé"],
        ["de"] = ["Falsch", "Irreführend", "Richtig", "Fehlender Kontext"],
    };

    [Fact]
    public void EveryItemIsReadOrReported_AndUnknownLabelsAreUnmapped()
    {
        var random = new Random(12);
        var languages = KnownLabels.Keys.ToArray();
        var expected = new Dictionary<string, (Kind Kind, string Label)>();
        var elements = new JsonArray();
        for (var i = 0; i < 1000; i++)
        {
            var language = languages[i % languages.Length];
            var kind = random.Next(20) switch { 0 => Kind.NoClaim, 1 => Kind.BadScale, 2 or 3 => Kind.Unknown, _ => Kind.Known };
            var label = kind == Kind.Unknown ? $"Verdict {random.Next(100000)}" : KnownLabels[language][random.Next(KnownLabels[language].Length)];
            var review = new JsonObject
            {
                ["@type"] = random.Next(2) == 0 ? "ClaimReview" : new JsonArray("http://schema.org/ClaimReview"),
                ["url"] = $"https://checker{i % 7}.example/{language}/{i}",
                ["inLanguage"] = language,
                ["datePublished"] = random.Next(2) == 0 ? "2023-09-13" : "2023-09-13T08:00:00+02:00",
                ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = $"Checker {i % 7}" },
                ["reviewRating"] = new JsonObject
                {
                    ["alternateName"] = label,
                    ["ratingValue"] = "2",
                    ["bestRating"] = kind == Kind.BadScale ? "1" : "5",
                    ["worstRating"] = kind == Kind.BadScale ? "5" : "1",
                },
            };
            if (kind != Kind.NoClaim) review["claimReviewed"] = $"Claim number {i} in {language}.";
            // Feeds group several reviews in one DataFeedItem, sometimes as a bare object.
            var wrapInArray = i % 3 != 0;
            elements.Add(new JsonObject { ["@type"] = "DataFeedItem", ["item"] = wrapInArray ? new JsonArray(review) : review });
            expected[wrapInArray ? $"dataFeedElement[{i}].item[0]" : $"dataFeedElement[{i}].item"] = (kind, label);
        }
        var feed = new JsonObject { ["@context"] = "https://schema.org", ["@type"] = "DataFeed", ["dataFeedElement"] = elements };
        var crosswalk = RatingCrosswalk.Load(Path.Combine(AppContext.BaseDirectory, "rating-crosswalk.json"));

        var document = ClaimReviewReader.Read(feed.ToJsonString());
        var verdicts = document.Reviews.ToDictionary(r => r.Path, crosswalk.Map);

        Assert.Equal(1000, document.Items);
        Assert.Equal(expected.Keys.Order(), document.Reviews.Select(r => r.Path).Concat(document.Errors.Select(e => e.Path)).Order());
        Assert.Equal(Enumerable.Range(0, 1000), document.Reviews.Select(r => r.Index).Concat(document.Errors.Select(e => e.Index)).Order());
        foreach (var error in document.Errors)
        {
            var (kind, _) = expected[error.Path];
            Assert.Equal(kind == Kind.NoClaim ? "claimReviewed missing" : "bestRating 1 is below worstRating 5", error.Reason);
        }
        Assert.Equal(expected.Count(e => e.Value.Kind is Kind.NoClaim or Kind.BadScale), document.Errors.Count);
        foreach (var (path, verdict) in verdicts)
        {
            var (kind, label) = expected[path];
            Assert.Equal(kind == Kind.Unknown ? VerdictSource.Unmapped : VerdictSource.LanguageLabel, verdict.Source);
            Assert.Equal(label, verdict.Label);
        }
        Assert.Equal(expected.Where(e => e.Value.Kind == Kind.Unknown).Select(e => e.Value.Label).Order(),
            verdicts.Values.Where(v => v.Source == VerdictSource.Unmapped).Select(v => v.Label!).Order());
        Assert.Contains(verdicts.Values, v => v.Source == VerdictSource.Unmapped);
    }
}
