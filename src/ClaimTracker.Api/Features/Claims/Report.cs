using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Claims;

// One appearance of a claim in an article: the exact quote, who it came through, and how sure it sounded.
public sealed class Report
{
    public const int MaxQuoteLength = 5000;

    private Report() { }

    public Report(
        Guid articleId, string quote, List<ChainLink> chain, List<string> hedgeWords, List<string> unknownHedgeWords, List<ReportCue> cues,
        double? statedConfidence, string confidenceRule, int lexiconVersion, DateTimeOffset reportedAt, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ArticleId = articleId;
        Quote = quote.Trim();
        Chain = chain;
        HedgeWords = hedgeWords;
        UnknownHedgeWords = unknownHedgeWords;
        Cues = cues;
        StatedConfidence = statedConfidence;
        ConfidenceRule = confidenceRule;
        LexiconVersion = lexiconVersion;
        ReportedAt = reportedAt.ToUniversalTime();
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ClaimId { get; private set; }
    public Guid ArticleId { get; private set; }
    public Article Article { get; private set; } = null!;
    public string Quote { get; private set; } = "";
    public List<ChainLink> Chain { get; private set; } = [];
    public List<string> HedgeWords { get; private set; } = [];

    // Hedge words the caller gave that the lexicon does not know: kept, but they add no probability.
    public List<string> UnknownHedgeWords { get; private set; } = [];
    public List<ReportCue> Cues { get; private set; } = [];
    public double? StatedConfidence { get; private set; }
    public string ConfidenceRule { get; private set; } = "";

    // The lexicon version whose matcher read the quote (see LexiconVersion), so a re-score can find the
    // reports read with an older lexicon. 0: the lexicon had no version yet.
    public int LexiconVersion { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

// A hedge word the lexicon recognised, kept with the term that gave it its probability.
public sealed class ReportCue
{
    public string Phrase { get; set; } = "";
    public string Scale { get; set; } = "";
    public CueCategory Category { get; set; }
    public double Probability { get; set; }
    public bool Negated { get; set; }
    public bool Quoted { get; set; }
    public string MatchedText { get; set; } = "";
    public int Start { get; set; }
    public int Length { get; set; }
    public CueOrigin FoundIn { get; set; }
}

public sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.Property(r => r.Quote).HasMaxLength(Report.MaxQuoteLength);
        builder.Property(r => r.ConfidenceRule).HasMaxLength(200);
        builder.HasOne(r => r.Article).WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ClaimId);
        builder.HasIndex(r => r.ArticleId);
        builder.HasIndex(r => r.LexiconVersion);
        builder.OwnsMany(r => r.Chain, chain => chain.MapChain("report_chain", "ReportId"));
        builder.OwnsMany(r => r.Cues, cues => cues.ToJson());
    }
}
