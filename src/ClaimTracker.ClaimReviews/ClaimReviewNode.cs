using System.Globalization;
using System.Text.Json;

namespace ClaimTracker.ClaimReviews;

// Reads one review node into a ClaimReviewItem: schema.org ClaimReview markup, or one claimReview of a Fact Check
// Tools claim. A review is refused only for what makes it meaningless (no claim text, an impossible scale);
// anything else missing or unreadable becomes a warning and an empty field.
internal static class ClaimReviewNode
{
    public readonly record struct Outcome(ClaimReviewItem? Item, string? Error);

    public static Outcome Read(JsonLd ld, JsonElement review, int index, string path)
    {
        var warnings = new List<string>();
        var claimed = ld.TryGet(review, "itemReviewed", out var item) && item.ValueKind == JsonValueKind.Object ? item : default;
        var claimText = ld.Text(review, "claimReviewed");
        if (claimText is null) return new(null, "claimReviewed missing");

        var rating = ld.All(review, "reviewRating").FirstOrDefault(r => r.ValueKind == JsonValueKind.Object);
        var numeric = rating.ValueKind == JsonValueKind.Object ? Numbers(ld, rating, warnings) : null;
        if (ScaleError(numeric) is { } scaleError) return new(null, scaleError);

        var textual = rating.ValueKind == JsonValueKind.Object
            ? ld.Text(rating, "alternateName") ?? ld.Text(rating, "name")
            : null;
        var claimants = claimed.ValueKind == JsonValueKind.Object ? Claimants(ld, ld.All(claimed, "author")) : [];
        var appearances = claimed.ValueKind == JsonValueKind.Object ? Appearances(ld, claimed, warnings) : [];
        var claimDate = claimed.ValueKind == JsonValueKind.Object ? Date(ld.Text(claimed, "datePublished"), "itemReviewed.datePublished", warnings) : null;
        var reviewUrl = Url(ld.Text(review, "url")) ?? Url(ld.Text(review, "@id"), dropFragment: true);
        if (reviewUrl is null) warnings.Add("url missing: the review cannot be matched on a second import");
        var publisher = Publisher(ld, ld.All(review, "author").Concat(ld.All(review, "publisher")), reviewUrl);
        var reviewDate = Date(ld.Text(review, "datePublished") ?? ld.Text(review, "dateCreated"), "datePublished", warnings);
        if (textual is null && numeric is null) warnings.Add("reviewRating missing: no verdict");

        return new(new ClaimReviewItem(
            index, path, claimText,
            claimed.ValueKind == JsonValueKind.Object ? Language(ld, claimed) : null,
            claimants, appearances, claimDate, reviewUrl, publisher, reviewDate,
            ld.Text(review, "headline") ?? ld.Text(review, "name"),
            textual, numeric, Language(ld, review), warnings,
            rating.ValueKind == JsonValueKind.Object ? ld.Text(rating, "ratingExplanation") : null), null);
    }

    // Google's shape: the claim carries text, claimant and claimDate; each of its reviews a publisher and a rating.
    public static Outcome ReadFactCheck(JsonLd ld, JsonElement claim, JsonElement review, int index, string path)
    {
        if (review.ValueKind != JsonValueKind.Object) return new(null, "a claimReview must be an object");
        var warnings = new List<string>();
        var claimText = ld.Text(claim, "text");
        if (claimText is null) return new(null, "claimReviewed missing: the claim has no text");

        var claimant = ld.Text(claim, "claimant");
        var reviewUrl = Url(ld.Text(review, "url"));
        if (reviewUrl is null) warnings.Add("url missing: the review cannot be matched on a second import");
        var publisher = ld.TryGet(review, "publisher", out var p) && p.ValueKind == JsonValueKind.Object
            ? MakePublisher(ld.Text(p, "name"), null, ld.Text(p, "site"), reviewUrl)
            : MakePublisher(null, null, null, reviewUrl);
        var textual = ld.Text(review, "textualRating");
        if (textual is null) warnings.Add("textualRating missing: no verdict");

        return new(new ClaimReviewItem(
            index, path, claimText,
            NormalizeLanguage(ld.Text(claim, "languageCode")),
            claimant is null ? [] : [new Claimant(claimant, null, null)],
            [],
            Date(ld.Text(claim, "claimDate"), "claimDate", warnings),
            reviewUrl, publisher,
            Date(ld.Text(review, "reviewDate"), "reviewDate", warnings),
            ld.Text(review, "title"), textual, null,
            NormalizeLanguage(ld.Text(review, "languageCode")), warnings), null);
    }

    private static NumericRating? Numbers(JsonLd ld, JsonElement rating, List<string> warnings)
    {
        double? Read(string name)
        {
            var text = ld.Text(rating, name);
            if (text is null) return null;
            var number = JsonLd.Number(text);
            if (number is null) warnings.Add($"reviewRating.{name} '{text}' is not a number; ignored");
            return number;
        }
        var value = Read("ratingValue");
        var best = Read("bestRating");
        var worst = Read("worstRating");
        return value is null && best is null && worst is null ? null : new NumericRating(value, best, worst);
    }

    private static string? ScaleError(NumericRating? numeric) =>
        numeric is { Best: { } best, Worst: { } worst } && best < worst
            ? $"bestRating {Format(best)} is below worstRating {Format(worst)}"
            : null;

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);

    private static List<Claimant> Claimants(JsonLd ld, IEnumerable<JsonElement> authors)
    {
        var claimants = new List<Claimant>();
        foreach (var author in authors)
        {
            var claimant = author.ValueKind == JsonValueKind.Object
                ? new Claimant(ld.Text(author, "name") ?? ld.Text(author, "@value"),
                    JsonLd.Types(author).FirstOrDefault(),
                    Url(ld.Text(author, "url")) ?? Url(ld.All(author, "sameAs").Select(ld.Text).FirstOrDefault()))
                : new Claimant(ld.Text(author), null, null);
            if ((claimant.Name is not null || claimant.Url is not null) && !claimants.Contains(claimant)) claimants.Add(claimant);
        }
        return claimants;
    }

    private static List<Appearance> Appearances(JsonLd ld, JsonElement claim, List<string> warnings)
    {
        var appearances = new List<Appearance>();
        void Add(JsonElement value, bool first, string name)
        {
            var url = value.ValueKind == JsonValueKind.Object
                ? Url(ld.Text(value, "url")) ?? Url(ld.Text(value, "@id"))
                : Url(ld.Text(value));
            if (url is null)
            {
                warnings.Add($"itemReviewed.{name} without a URL; ignored");
                return;
            }
            var date = value.ValueKind == JsonValueKind.Object
                ? Date(ld.Text(value, "datePublished"), $"itemReviewed.{name}.datePublished", warnings)
                : null;
            var existing = appearances.FindIndex(a => a.Url == url);
            if (existing < 0) appearances.Add(new Appearance(url, date, first));
            else appearances[existing] = appearances[existing] with
            {
                IsFirst = appearances[existing].IsFirst || first,
                Date = appearances[existing].Date ?? date,
            };
        }
        foreach (var value in ld.All(claim, "firstAppearance")) Add(value, first: true, "firstAppearance");
        foreach (var value in ld.All(claim, "appearance")) Add(value, first: false, "appearance");
        return appearances;
    }

    // The fact-checker is the review's author; some feeds name it only as publisher.
    private static ReviewPublisher? Publisher(JsonLd ld, IEnumerable<JsonElement> candidates, string? reviewUrl)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.ValueKind == JsonValueKind.Object)
            {
                var name = ld.Text(candidate, "name") ?? ld.Text(candidate, "legalName") ?? ld.Text(candidate, "alternateName");
                var url = Url(ld.Text(candidate, "url")) ?? Url(ld.Text(candidate, "@id"), dropFragment: true)
                          ?? Url(ld.All(candidate, "sameAs").Select(ld.Text).FirstOrDefault());
                if (name is not null || url is not null) return MakePublisher(name, url, null, reviewUrl);
            }
            else if (ld.Text(candidate) is { } text)
                return Url(text) is { } url ? MakePublisher(null, url, null, reviewUrl) : MakePublisher(text, null, null, reviewUrl);
        }
        return MakePublisher(null, null, null, reviewUrl);
    }

    // Without a declared site the review's own host stands for the publisher: fact-checkers publish on their own sites.
    private static ReviewPublisher? MakePublisher(string? name, string? url, string? site, string? reviewUrl)
    {
        var key = Site(site) ?? Site(url) ?? Site(reviewUrl);
        return name is null && url is null && key is null ? null : new ReviewPublisher(name, url, key);
    }

    public static string? Site(string? urlOrHost)
    {
        if (JsonLd.Clean(urlOrHost) is not { } text) return null;
        var host = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host
            : Uri.TryCreate("https://" + text, UriKind.Absolute, out var bare) ? bare.Host : null;
        if (string.IsNullOrEmpty(host)) return null;
        host = host.ToLowerInvariant().TrimEnd('.');
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static string? Url(string? text, bool dropFragment = false)
    {
        if (!Uri.TryCreate(JsonLd.Clean(text), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        return dropFragment && uri.Fragment.Length > 0 ? uri.GetLeftPart(UriPartial.Query) : uri.OriginalString.Trim();
    }

    private static DateTimeOffset? Date(string? text, string field, List<string> warnings)
    {
        if (text is null) return null;
        if (FeedDate.TryParse(text, out var date)) return date;
        warnings.Add($"{field} '{text}' is not a date; ignored");
        return null;
    }

    // inLanguage is a code ("pt-BR"), a name ("Español") or a Language node with name and alternateName.
    private static string? Language(JsonLd ld, JsonElement node)
    {
        foreach (var value in ld.All(node, "inLanguage"))
        {
            var text = value.ValueKind == JsonValueKind.Object
                ? ld.Text(value, "alternateName") ?? ld.Text(value, "name") ?? ld.Text(value, "@value")
                : ld.Text(value);
            if (NormalizeLanguage(text) is { } language) return language;
        }
        return null;
    }

    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = "en", ["spanish"] = "es", ["español"] = "es", ["espanol"] = "es", ["portuguese"] = "pt",
        ["português"] = "pt", ["portugues"] = "pt", ["french"] = "fr", ["français"] = "fr", ["francais"] = "fr",
        ["german"] = "de", ["deutsch"] = "de", ["arabic"] = "ar", ["العربية"] = "ar", ["italian"] = "it",
        ["italiano"] = "it", ["hindi"] = "hi", ["chinese"] = "zh",
    };

    // BCP 47 with a lower-case primary subtag: "pt_BR" and "PT-br" become "pt-BR".
    public static string? NormalizeLanguage(string? text)
    {
        if (JsonLd.Clean(text) is not { } tag) return null;
        if (LanguageNames.TryGetValue(tag, out var code)) return code;
        var parts = tag.Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter)) return null;
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
            parts[i] = parts[i].Length == 2 ? parts[i].ToUpperInvariant() : parts[i];
        return string.Join('-', parts);
    }
}
