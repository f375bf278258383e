using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Features;

// Request examples for the OpenAPI document, taken from the sample story that seeds/sample-story.json loads.
public static class SampleStory
{
    public const string NdtvUrl = "https://www.ndtv.com/world-news/north-koreas-kim-jong-un-appears-to-have-set-off-for-russia-report";
    public const string XinhuaUrl = "https://en.people.cn/n3/2023/0913/c90000-20071375.html";

    public static readonly CreateArticle.Command NdtvArticle = new(
        NdtvUrl,
        "North Korea's Kim Jong Un \"Appears\" To Have Set Off For Russia: Report",
        new SourceRef(Slug: "ndtv"),
        new DateTimeOffset(2023, 9, 11, 0, 0, 0, TimeSpan.Zero),
        SyndicatedFrom: new SourceRef(Slug: "afp"),
        Language: "en");

    // Two sentences of the NDTV article, enough to show a chain with a relay, a cue and a plain assertion.
    public const string Excerpt =
        "Broadcaster YTN said Seoul \"expects that Chairman Kim will hold a meeting with President Putin of Russia around the day after tomorrow\", meaning Wednesday.\n\n" +
        "Kim Jong has been steadfast in his support for Moscow's invasion of Ukraine, including, Washington says, supplying rockets and missiles.";

    public static readonly Analysis.AnalyseText.Body AnalysisExample = new(Excerpt, "en", "NDTV", "AFP");

    public static readonly CreateArticle.Command NdtvArticleWithBody = NdtvArticle with { Body = Excerpt };

    public static readonly RecordClaim.Command C5 = new(
        "Kim Jong Un and Vladimir Putin will meet around Wednesday 13 September 2023",
        ["north-korea", "russia", "kim-putin-summit"],
        new ReportInput(
            new ArticleRef(Url: NdtvUrl),
            "Broadcaster YTN said Seoul \"expects that Chairman Kim will hold a meeting with President Putin of Russia around the day after tomorrow\", meaning Wednesday.",
            [new ChainLinkInput(new SourceRef(Slug: "south-korean-government"), ChainRole.Origin), new ChainLinkInput(new SourceRef(Slug: "ytn"), ChainRole.Relay)],
            HedgeWords: ["expects"]));

    public static readonly ReportInput C1Report = new(
        new ArticleRef(Url: NdtvUrl),
        "North Korean leader Kim Jong Un's train \"appears\" to have departed for Russia, possibly for a summit with President Vladimir Putin, multiple South Korean media outlets reported Monday, citing unidentified officials.",
        [new ChainLinkInput(new SourceRef(Name: "Unidentified officials", Kind: SourceKind.Anonymous, Scope: "yonhap")), new ChainLinkInput(new SourceRef(Slug: "yonhap"))],
        HedgeWords: ["appears", "possibly"]);

    public static readonly AddEvidence.Body C5Confirmed = new(
        new ArticleRef(
            Url: XinhuaUrl,
            Title: "Putin, Kim hold talks at Vostochny Cosmodrome",
            Publisher: new SourceRef(Name: "People's Daily Online", Kind: SourceKind.Outlet, Country: "CN"),
            PublishedAt: new DateTimeOffset(2023, 9, 13, 12, 0, 0, TimeSpan.Zero),
            SyndicatedFrom: new SourceRef(Slug: "xinhua")),
        Stance.Confirms,
        Conclusive: true,
        Note: "Xinhua: Putin and Kim met on Wednesday 13 September 2023 at the Vostochny Cosmodrome, Amur region.");

    public static readonly ResolveClaim.Body Resolution = new(
        Claims.Resolution.True, "KCNA, the Kremlin and Xinhua all report the meeting on 13 September 2023.", 3);
}
