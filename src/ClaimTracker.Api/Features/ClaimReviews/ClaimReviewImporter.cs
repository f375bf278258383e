using System.Globalization;
using System.Text.RegularExpressions;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.ClaimReviews;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.ClaimReviews;

// Turns one read review into ClaimTracker's records, inside the import's transaction: the claim (matched or created),
// a report per appearance, the fact-checker as a source, the verdict through the crosswalk, and the stored review.
// The import (ImportClaimReviews) wraps each call in a savepoint, so a review that fails leaves nothing behind.
public sealed partial class ClaimReviewImporter(
    ClaimTrackerDbContext db, ReportFactory reports, SourceResolver sources, ClaimSimilarity similarity, ClaimEmbeddings embeddings, TimeProvider clock)
{
    public const string ReportPath = "report";
    private const int MaxTitleLength = 500;
    private const int MaxNameLength = 200;

    // Fact-checkers met in this import, by site or name: a feed names the same publisher thousands of times.
    private readonly Dictionary<string, (Guid Id, string Name)> _factCheckers = new(StringComparer.OrdinalIgnoreCase);

    // Called when a savepoint is rolled back: a fact-checker created in the undone work no longer exists.
    public void Forget() => _factCheckers.Clear();

    public async Task<ItemResult> ImportAsync(ClaimReviewItem item, RatingCrosswalk crosswalk, CancellationToken ct)
    {
        var key = StoredReview.KeyOf(item);
        if (await db.ClaimReviews.AsNoTracking().Where(r => r.Key == key).Select(r => (Guid?)r.ClaimId).FirstOrDefaultAsync(ct) is { } known)
            return new ItemResult(item.Index, item.Path, ItemStatus.Unchanged, known, null, null, null, VerdictEffect.None, [], item.Warnings);

        var statement = item.ClaimReviewed.Trim();
        if (statement.Length > Claim.MaxStatementLength)
            throw new ItemException($"claimReviewed is {statement.Length} characters; a claim has at most {Claim.MaxStatementLength}");
        var now = clock.GetUtcNow();
        var verdict = crosswalk.Map(item);
        var factChecker = await FactCheckerAsync(item.Publisher, ct);

        var inputs = Reports(item, factChecker).ToList();
        Claim claim;
        ClaimMatch match;
        var (matched, similar) = await FindMatchAsync(statement, item.TextLanguage, ct);
        if (matched is { } id)
        {
            claim = (await db.LockClaimAsync(id, ct))!;
            match = ClaimMatch.Matched;
            foreach (var (input, i) in inputs.Select((input, i) => (input, i)))
            {
                var url = CanonicalUrl.Create(input.Article.Url!);
                if (await db.Reports.AnyAsync(r => r.ClaimId == id && r.Article.Url == url, ct)) continue;
                claim.AddReport(await reports.CreateAsync(input, $"{ReportPath}[{i}]", ct), now);
            }
        }
        else
        {
            if (inputs.Count == 0)
                throw new ItemException("neither an appearance nor a review url: a new claim needs an article that reported it");
            var first = await reports.CreateAsync(inputs[0], $"{ReportPath}[0]", ct);
            claim = Claim.Record(statement, [], null, first, now);
            db.Claims.Add(claim);
            foreach (var (input, i) in inputs.Select((input, i) => (input, i)).Skip(1))
                claim.AddReport(await reports.CreateAsync(input, $"{ReportPath}[{i}]", ct), now);
            match = ClaimMatch.Created;
        }

        var effect = ApplyVerdict(claim, item, verdict, factChecker.Name, now);
        var review = StoredReview.From(item, claim.Id, factChecker.Id, verdict, now);
        db.ClaimReviews.Add(review);
        await db.SaveChangesAsync(ct);
        // With the embedding method, a new claim gets its vector now, so the file's later reviews of it match by vector.
        if (match == ClaimMatch.Created) await embeddings.EnsureAsync([claim.Id], ct);

        var warnings = item.Warnings.ToList();
        if (verdict.Note is { } note && verdict.Source is not (VerdictSource.PublisherLabel or VerdictSource.LanguageLabel)) warnings.Add(note);
        return new ItemResult(item.Index, item.Path, ItemStatus.Imported, claim.Id, match, review.Id,
            new Verdict(verdict.Outcome, verdict.Source, verdict.Label, verdict.LabelUnknown), effect,
            effect == VerdictEffect.Conflict ? [$"the claim is resolved as '{SnakeCase.Name(claim.Status)}'; the review says '{verdict.Label}' ({SnakeCase.Name(verdict.Outcome!.Value)}): the resolution is kept"] : [],
            warnings, similar);
    }

    // The one place an imported review finds the claim it reviews: first the same statement among claims without a
    // question, as POST /claims finds duplicates (ignoring case, spacing, quote marks and a final full stop), with the
    // statement's key locked for the rest of the transaction; else the best `confirmed` similar claim (README "Similar
    // claims and merging": never one that differs in a number, date, name or negation), answered with its score so
    // the caller sees which items were matched by wording rather than by statement.
    private async Task<(Guid? Claim, SimilarClaim? Similar)> FindMatchAsync(string statement, string? language, CancellationToken ct)
    {
        if (await db.LockStatementAsync(statement, questionId: null, ct) is { } same) return (same, null);
        var best = (await similarity.FindAsync(statement, language, SimilarCandidates, excludeClaimId: null, ct))
            .FirstOrDefault(c => c.Tier == SimilarityTier.Confirmed);
        return (best?.Id, best);
    }

    // Enough candidates that a demoted best one (a near-miss) does not hide a confirmed second.
    private const int SimilarCandidates = 3;

    // mostly_true resolves as true: a resolution has no "mostly", and a fact-checker's "mostly true" says the claim's
    // substance holds (PolitiFact: "accurate but needs clarification"). A claim already resolved keeps its resolution:
    // the same verdict changes nothing, another is a conflict for an editor to settle.
    private static VerdictEffect ApplyVerdict(Claim claim, ClaimReviewItem item, RatingVerdict verdict, string factChecker, DateTimeOffset now)
    {
        if (ResolutionOf(verdict.Outcome) is not { } resolution) return VerdictEffect.None;
        if (claim.IsResolved) return claim.Status == Claim.StatusOf(resolution) ? VerdictEffect.Same : VerdictEffect.Conflict;
        var reason = $"ClaimReview by {factChecker} ({item.ReviewUrl ?? "no url"}) rates it '{verdict.Label}': {SnakeCase.Name(verdict.Outcome!.Value)}.";
        var trueUntil = resolution == Resolution.Superseded ? TrueUntil(item) ?? item.ReviewDate ?? now : (DateTimeOffset?)null;
        // A microsecond (the database's precision) after the claim was recorded in this same import: history is read in
        // time order, and the export takes the last change as the resolution.
        claim.Resolve(resolution, reason.Length > 2000 ? reason[..2000] : reason, now.AddMicroseconds(1), trueUntil);
        return VerdictEffect.Resolved;
    }

    public static Resolution? ResolutionOf(VerdictOutcome? outcome) => outcome switch
    {
        VerdictOutcome.True or VerdictOutcome.MostlyTrue => Resolution.True,
        VerdictOutcome.Mixed => Resolution.Mixed,
        VerdictOutcome.False => Resolution.False,
        VerdictOutcome.Unresolvable => Resolution.Unresolvable,
        VerdictOutcome.Superseded => Resolution.Superseded,
        _ => null,
    };

    // ClaimTracker's export says until when a superseded claim held in its ratingExplanation: "True until 2023-09-12 08:00Z."
    private static DateTimeOffset? TrueUntil(ClaimReviewItem item) =>
        item.RatingExplanation is { } text && TrueUntilPattern().Match(text) is { Success: true } m
        && DateTimeOffset.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until)
            ? until : null;

    [GeneratedRegex(@"^True until (\d{4}-\d{2}-\d{2} \d{2}:\d{2})Z\.")]
    private static partial Regex TrueUntilPattern();

    // One report per appearance (published where it appeared, when it appeared, said by the claimant). A review that
    // names no appearance reports the claim through the review itself: the fact-check article, published by the
    // fact-checker, which is where ClaimTracker then knows the claim from.
    private IEnumerable<ReportInput> Reports(ClaimReviewItem item, (Guid Id, string Name) factChecker)
    {
        var chain = item.Claimants.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Name)) is { } claimant
            ? new List<ChainLinkInput> { new(new SourceRef(Name: Cut(claimant.Name!.Trim(), MaxNameLength), Kind: KindOf(claimant), Homepage: WebAddress(claimant.Url))) }
            : null;
        var language = LanguageTags.IsValid(item.TextLanguage) ? item.TextLanguage : null;
        var quote = item.ClaimReviewed.Trim();
        var said = Plausible(item.ClaimDate) ?? Plausible(item.ReviewDate) ?? clock.GetUtcNow();
        var appearances = item.Appearances.Where(a => CanonicalUrl.TryCreate(a.Url, out _)).OrderByDescending(a => a.IsFirst).ToList();
        foreach (var appearance in appearances)
        {
            var host = new Uri(appearance.Url).Host;
            host = host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
            var article = new ArticleRef(Url: appearance.Url, Title: Cut(quote, MaxTitleLength),
                Publisher: new SourceRef(Name: Cut(host, MaxNameLength), Kind: SourceKind.Outlet, Homepage: $"https://{host}"),
                PublishedAt: Plausible(appearance.Date), Language: language);
            yield return new ReportInput(article, quote, chain, ReportedAt: Plausible(appearance.Date) ?? said);
        }
        if (appearances.Count == 0 && item.ReviewUrl is { } url && CanonicalUrl.TryCreate(url, out _))
        {
            var article = new ArticleRef(Url: url, Title: Cut(item.Title?.Trim() is { Length: > 0 } t ? t : quote, MaxTitleLength),
                Publisher: new SourceRef(Id: factChecker.Id), PublishedAt: Plausible(item.ReviewDate), Language: language);
            yield return new ReportInput(article, quote, chain, ReportedAt: said);
        }
    }

    // A feed says only Person or Organization: a person making news claims is most often an official; an organisation
    // is left as 'other' rather than guessed to be an outlet or a government.
    private static SourceKind KindOf(ClaimTracker.ClaimReviews.Claimant claimant) =>
        claimant.Type?.EndsWith("Person", StringComparison.OrdinalIgnoreCase) == true ? SourceKind.Official : SourceKind.Other;

    // The fact-checker is the source whose homepage is on the publisher's site, else the one of its name, else new.
    private async Task<(Guid Id, string Name)> FactCheckerAsync(ReviewPublisher? publisher, CancellationToken ct)
    {
        var site = publisher?.Site?.ToLowerInvariant();
        var name = Cut(publisher?.Name?.Trim() is { Length: > 0 } n ? n : site ?? "Unknown fact-checker", MaxNameLength);
        var cacheKey = site ?? name;
        if (_factCheckers.TryGetValue(cacheKey, out var cached)) return cached;

        var checkers = await db.Sources.AsNoTracking().Where(s => s.Kind == SourceKind.FactChecker)
            .Select(s => new { s.Id, s.Name, s.Homepage }).ToListAsync(ct);
        var found = checkers.FirstOrDefault(s => site is not null && SiteOf(s.Homepage) == site)
            ?? checkers.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        var result = found is not null
            ? (found.Id, found.Name)
            : await CreateFactCheckerAsync(name, WebAddress(publisher?.Url) ?? (site is null ? null : $"https://{site}"), ct);
        return _factCheckers[cacheKey] = result;
    }

    private async Task<(Guid, string)> CreateFactCheckerAsync(string name, string? homepage, CancellationToken ct)
    {
        var source = await sources.CreateAsync(name, SourceKind.FactChecker, null, homepage, null, null, null, reuseExisting: true, "publisher", ct);
        return (source.Id, source.Name);
    }

    private static string? SiteOf(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static string? WebAddress(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url : null;

    private static DateTimeOffset? Plausible(DateTimeOffset? date) => Dates.IsPlausible(date) ? date : null;

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}

// A review the import cannot turn into records; the message is the reason given for the item.
public sealed class ItemException(string reason) : Exception(reason);

public enum ItemStatus { Imported, Unchanged }

public enum ClaimMatch { Matched, Created }

// What the review's verdict did to the claim: resolved it, agreed with its resolution, disagreed with it (the claim
// keeps its resolution), or nothing (no verdict, not a verdict, unmapped, or already imported).
public enum VerdictEffect { None, Resolved, Same, Conflict }

public sealed record Verdict(VerdictOutcome? Outcome, VerdictSource Source, string? Label, bool Unmapped);

// Similar: set when the claim was matched by similarity rather than by the same statement (its score, tier and method).
public sealed record ItemResult(
    int Index, string Path, ItemStatus Status, Guid ClaimId, ClaimMatch? Claim, Guid? ReviewId, Verdict? Verdict,
    VerdictEffect Effect, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Warnings, SimilarClaim? Similar = null);

public sealed record ItemError(int Index, string Path, string Reason);
