using ClaimTracker.Api.Features.Lexicon;

namespace ClaimTracker.Api.Tests.Infrastructure;

// Request bodies as a client writes them. Tests in one class share a database, so whatever a test creates
// carries a suffix from Unique() and nothing it asserts on can collide with another test's rows.
public static class Requests
{
    public const string PublishedAt = "2023-09-11T06:00:00Z";
    public const string AppearsQuote = "Kim Jong Un's train \"appears\" to have left Pyongyang.";
    public const string Quote = "North Korean leader Kim Jong Un's train \"appears\" to have departed for Russia, officials said.";

    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    public static object Slug(string slug) => new { slug };

    public static object Inline(string name, string kind, string? scope = null) => new { name, kind, scope };

    public static object Link(object source, string? role = null) => new { source, role };

    public static object Source(
        string name, string kind = "outlet", string? slug = null, string? scope = null, string? homepage = null, string? country = null,
        IReadOnlyList<string>? aliases = null) =>
        new { name, kind, slug, scope, homepage, country, aliases };

    public static object SourceUpdate(
        string name, string kind, int version, string? homepage = null, string? country = null, IReadOnlyList<string>? aliases = null) =>
        new { name, kind, version, homepage, country, aliases };

    public static object Article(
        string url, object publisher, string title = "Kim Jong Un appears to have set off for Russia", object? syndicatedFrom = null,
        string publishedAt = PublishedAt) =>
        new { url, title, publisher, syndicatedFrom, publishedAt };

    public static object ArticleAt(string url) => new { url };

    public static object Report(
        object article, IReadOnlyList<object>? chain = null, string quote = Quote, string? reportedAt = null,
        double? statedConfidence = null, IReadOnlyList<string>? hedgeWords = null) =>
        new { article, quote, chain, hedgeWords, statedConfidence, reportedAt };

    public static object Claim(string statement, object report, params string[] topics) => new { statement, topics, report };

    public static object Evidence(object article, string stance, bool conclusive = true, IReadOnlyList<object>? chain = null, string? note = null) =>
        new { article, stance, conclusive, chain, note };

    public static object Resolution(string resolution, int version, string? reason = null) =>
        new { resolution, reason = reason ?? "KCNA and the Kremlin both confirm it.", version };

    public static object Reopen(int version, string reason = "New reporting questions the verdict.") => new { reason, version };

    // A claim from an article, outlet and origin of its own.
    public static object NewClaim(
        string suffix, string? statement = null, string? reportedAt = null, IReadOnlyList<string>? topics = null,
        IReadOnlyList<object>? chain = null, object? publisher = null) =>
        Claim(statement ?? NewClaimStatement(suffix),
            Report(
                Article($"https://news.test/{suffix}/{Unique()}", publisher ?? Inline($"Outlet {suffix}", "outlet")),
                chain ?? [Link(Inline($"Official {suffix}", "official"))],
                reportedAt: reportedAt),
            [.. topics ?? []]);

    public static string NewClaimStatement(string suffix) => $"Kim Jong Un's train has departed for Russia ({suffix})";

    // Evidence from an article of its own.
    public static object NewEvidence(string stance, bool conclusive = true) =>
        Evidence(Article($"https://evidence.test/{Unique()}", Inline("Evidence Desk", "outlet"), "Later reporting",
            publishedAt: "2023-09-12T09:00:00Z"), stance, conclusive);

    // A lexicon term of ClaimTracker's own scale; phrases made unique with Unique() match no other term.
    public static object NewTerm(
        string phrase, double probability = 0.6, double low = 0.45, double high = 0.75, string polarity = "positive",
        string category = "evidential", string scale = "claimtracker", string? language = null, IReadOnlyList<string>? variants = null,
        string? note = null, bool? inflect = null) =>
        new { phrase, scale, language, probability, low, high, polarity, category, variants, note, inflect };

    // A term's editable fields as read, with the version read, and the changes given.
    public static object TermUpdate(
        LexiconTermResponse term, double? probability = null, double? low = null, double? high = null, int? version = null,
        IReadOnlyList<string>? variants = null, string? note = null) =>
        new
        {
            probability = probability ?? term.Probability, low = low ?? term.Low, high = high ?? term.High,
            polarity = term.Polarity, category = term.Category, variants = variants ?? term.Variants, note = note ?? term.Note,
            inflect = term.Inflect, lowercaseOnly = term.LowercaseOnly, version = version ?? term.Version,
        };

    public static object Retirement(int version, string reason = "Reads the sample story's background sentences as hedges.") =>
        new { reason, version };

    // A claim whose report quotes this, from an article in this language, with an outlet and origin of its own.
    public static object ClaimQuoting(string quote, string? language = null, IReadOnlyList<string>? hedgeWords = null, double? statedConfidence = null)
    {
        var suffix = Unique();
        var article = new
        {
            url = $"https://news.test/lexicon/{suffix}", title = "Kim Jong Un appears to have set off for Russia",
            publisher = Inline($"Outlet {suffix}", "outlet"), publishedAt = PublishedAt, language,
        };
        return Claim($"Kim Jong Un's train has departed for Russia ({suffix})",
            Report(article, [Link(Inline($"Official {suffix}", "official"))], quote, statedConfidence: statedConfidence, hedgeWords: hedgeWords));
    }
}
