using System.Globalization;
using System.Text.Json.Nodes;

namespace ClaimTracker.Api.Tests.ClaimReviews;

// The properties Google's fact-check structured data documentation lists for ClaimReview, checked on a JSON-LD object:
//   required:    claimReviewed; reviewRating (a Rating) with alternateName; url
//   recommended: author (Organization or Person) with name; datePublished;
//                itemReviewed (a Claim) with author (with name), datePublished, and appearance or firstAppearance
//                (CreativeWorks with a url); reviewRating's ratingValue, bestRating and worstRating for a numeric verdict.
// ClaimTracker promises both lists, so both are errors here. A numeric rating is all three numbers or none
// (an unresolvable verdict is in words only), with worstRating < bestRating and the value between them.
public static class ClaimReviewValidator
{
    public static IReadOnlyList<string> Problems(JsonNode? review, bool nested = false)
    {
        var problems = new List<string>();
        if (review is not JsonObject o) return ["not a JSON object"];
        if (!nested && (string?)o["@context"] is not ("https://schema.org" or "http://schema.org" or "https://schema.org/"))
            problems.Add("@context: not schema.org");
        if ((string?)o["@type"] != "ClaimReview") problems.Add("@type: not ClaimReview");
        Text(o, "claimReviewed", problems);
        Url(o, "url", problems);
        Date(o, "datePublished", problems);
        Agent(o["author"], "author", problems);

        if (o["reviewRating"] is not JsonObject rating) problems.Add("reviewRating: missing");
        else
        {
            if ((string?)rating["@type"] != "Rating") problems.Add("reviewRating.@type: not Rating");
            Text(rating, "alternateName", problems, "reviewRating.");
            var numbers = new[] { "ratingValue", "bestRating", "worstRating" }.Select(n => Number(rating[n])).ToArray();
            if (numbers.Any(n => n is not null) && numbers.Any(n => n is null))
                problems.Add("reviewRating: ratingValue, bestRating and worstRating go together");
            if (numbers is [{ } value, { } best, { } worst])
            {
                if (best <= worst) problems.Add($"reviewRating: bestRating {best} is not above worstRating {worst}");
                if (value < worst || value > best) problems.Add($"reviewRating: ratingValue {value} is outside [{worst}, {best}]");
            }
        }

        if (o["itemReviewed"] is not JsonObject claim) problems.Add("itemReviewed: missing");
        else
        {
            if ((string?)claim["@type"] != "Claim") problems.Add("itemReviewed.@type: not Claim");
            Agent(claim["author"], "itemReviewed.author", problems);
            Date(claim, "datePublished", problems, "itemReviewed.");
            var appearances = (claim["appearance"] as JsonArray ?? []).ToList();
            if (claim["firstAppearance"] is { } first) appearances.Add(first);
            if (appearances.Count == 0) problems.Add("itemReviewed: neither appearance nor firstAppearance");
            foreach (var work in appearances)
            {
                if (work is not JsonObject w || (string?)w["@type"] != "CreativeWork") problems.Add("itemReviewed appearance: not a CreativeWork");
                else Url(w, "url", problems, "itemReviewed appearance.");
            }
        }
        return problems;
    }

    private static void Text(JsonObject o, string name, List<string> problems, string prefix = "")
    {
        if (o[name] is not JsonValue v || !v.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            problems.Add($"{prefix}{name}: missing or empty");
    }

    private static void Url(JsonObject o, string name, List<string> problems, string prefix = "")
    {
        if (!Uri.TryCreate((string?)o[name], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problems.Add($"{prefix}{name}: not an absolute http(s) URL");
    }

    private static void Date(JsonObject o, string name, List<string> problems, string prefix = "")
    {
        if (!DateTimeOffset.TryParse((string?)o[name], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            problems.Add($"{prefix}{name}: not an ISO 8601 date");
    }

    private static void Agent(JsonNode? node, string path, List<string> problems)
    {
        if (node is not JsonObject agent) problems.Add($"{path}: missing");
        else
        {
            if ((string?)agent["@type"] is not ("Organization" or "Person")) problems.Add($"{path}.@type: neither Organization nor Person");
            Text(agent, "name", problems, path + ".");
        }
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}
