using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

// Google Fact Check Tools' claims:search over our claims: the same parameters and answer shape, with our filters and
// fields added. Relevance = full-text rank in the claim's language + trigram word similarity (README "Search").
public static partial class SearchClaims
{
    public const int DefaultPageSize = 10;
    public const int MaxQueryLength = 500;

    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapGet("/search", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("SearchClaims")
            .RequireRole(Role.Reader)
            .WithSummary("Search claims by relevance (Google Fact Check Tools' claims:search parameters)")
            .WithDescription("""
                Finds claims whose statement, report quotes, evidence quotes and notes, or imported ClaimReviews (claimReviewed and title) match `query` (required), ranked by relevance:
                `ts_rank_cd` of `websearch_to_tsquery` in the claim's own text-search configuration (normalised to 0-1) plus the
                trigram word similarity of the query to the claim's texts (0-1; 1 when the texts contain the query verbatim), so
                inflected forms, misspellings and scripts without a configuration are found. `languageCode` (BCP 47, only the
                primary subtag counts) keeps claims in that language: the language most of the claim's reports' articles carry.
                `reviewPublisherSiteFilter` (a host such as `reuters.com`, subdomains included) keeps claims with conclusive
                evidence from an article on that site or by a publisher whose homepage is on it, or with an imported ClaimReview
                published by that site. `maxAgeDays` keeps claims first reported, conclusively evidenced, resolved or reviewed
                within that many days. Ours: `status` (comma-separated, any of),
                `question` (key), `source` (id or slug, any role), `band` (comma-separated letters of the Admiralty reliability, A to F),
                `minProbability`/`maxProbability`. Paging: `pageSize` (default 10, at most 100), `nextPageToken` from the answer as
                `pageToken` with the same parameters (a token of another query is a 400 naming `pageToken`), or `offset` without a token.
                `claimReview` lists the claim's imported ClaimReviews (publisher name and site, url, title, reviewDate,
                textualRating, languageCode), oldest first.
                """);

    public sealed record Query(
        [property: FromQuery(Name = "query")] string? Text,
        [property: FromQuery(Name = "languageCode")] string? LanguageCode,
        [property: FromQuery(Name = "reviewPublisherSiteFilter")] string? ReviewPublisherSiteFilter,
        [property: FromQuery(Name = "maxAgeDays")] int? MaxAgeDays,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken,
        [property: FromQuery(Name = "offset")] int? Offset,
        [property: FromQuery(Name = "status")] string? Status,
        [property: FromQuery(Name = "question")] string? Question,
        [property: FromQuery(Name = "source")] string? Source,
        [property: FromQuery(Name = "band")] string? Band,
        [property: FromQuery(Name = "minProbability")] double? MinProbability,
        [property: FromQuery(Name = "maxProbability")] double? MaxProbability) : IQuery<Response>, IClaimFilter
    {
        public string? Language => LanguageCode?.Trim().Split('-')[0].ToLowerInvariant();
        public string? Site => ReviewPublisherSiteFilter?.Trim().ToLowerInvariant() is { Length: > 0 } site
            ? (site.StartsWith("www.", StringComparison.Ordinal) ? site[4..] : site) : null;
        public IReadOnlyList<Band> Bands =>
            ClaimFilters.Split(Band).Select(b => Enum.TryParse<Band>(b, true, out var band) ? band : (Band?)null).OfType<Band>().Distinct().Order().ToList();

        // What a page token is bound to: every parameter that decides which claims match and in what order.
        public string Fingerprint()
        {
            var canonical = string.Join('\n', Text?.Trim(), Language, Site, MaxAgeDays, Status, Question?.Trim(), Source?.Trim(),
                string.Join(',', Bands), MinProbability?.ToString("R"), MaxProbability?.ToString("R"));
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        }
    }

    public sealed record Response(IReadOnlyList<Item> Claims, string? NextPageToken);

    // Google's fields first (text, claimant, claimDate, claimReview), then ours.
    public sealed record Item(
        string Text, string? Claimant, DateTimeOffset ClaimDate, IReadOnlyList<Review> ClaimReview,
        Guid Id, ClaimStatus Status, double? Probability, string? Language, double Score);

    // Google's claimReview item, from the imported ClaimReviews (POST /claimreviews); url is null for a review imported without one.
    public sealed record Review(Publisher Publisher, string? Url, string? Title, DateTimeOffset? ReviewDate, string? TextualRating, string? LanguageCode);

    public sealed record Publisher(string? Name, string? Site);

    // The last item of a page: the next page starts after it in (score descending, id ascending) order, so claims written
    // between two pages never shift the ones still to come.
    public sealed record PageToken(double Score, Guid Id, string Query)
    {
        public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

        public static PageToken? Decode(string? token)
        {
            try { return token is null ? null : JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(token)); }
            catch (Exception e) when (e is FormatException or JsonException or ArgumentException) { return null; }
        }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Text).NotEmpty().Must(t => !string.IsNullOrWhiteSpace(t)).MaximumLength(MaxQueryLength)
                .OverridePropertyName("query").WithMessage($"'query' is required: the words to search for (at most {MaxQueryLength} characters).");
            RuleFor(q => q.LanguageCode).Must(LanguageTags.IsValid).When(q => q.LanguageCode is not null)
                .WithMessage($"'languageCode' is {LanguageTags.Rule}.");
            RuleFor(q => q.Site).Must(s => s!.Length <= 253 && SitePattern().IsMatch(s)).When(q => q.Site is not null)
                .OverridePropertyName("reviewPublisherSiteFilter").WithMessage("'reviewPublisherSiteFilter' is a site's host name, such as reuters.com.");
            RuleFor(q => q.MaxAgeDays).InclusiveBetween(1, 36_500).When(q => q.MaxAgeDays is not null)
                .WithMessage("'maxAgeDays' is a number of days from 1 to 36500.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize).When(q => q.PageSize is not null)
                .WithMessage($"'pageSize' is from 1 to {Paging.MaxPageSize}.");
            RuleFor(q => q.Offset).InclusiveBetween(0, 10_000).When(q => q.Offset is not null).WithMessage("'offset' is from 0 to 10000.");
            RuleFor(q => q.Band).Must(b => ClaimFilters.Split(b).All(v => v.Length == 1 && Enum.TryParse<Band>(v, true, out _))).When(q => q.Band is not null)
                .WithMessage("'band' is one or more (comma-separated) of A, B, C, D, E, F.");
            RuleFor(q => q.PageToken).Must((q, token) => PageToken.Decode(token) is { } t && t.Query == q.Fingerprint())
                .When(q => q.PageToken is not null)
                .WithMessage("'pageToken' is not a token of this query: pass the nextPageToken of the previous page with the same parameters.");
            this.AddClaimFilterRules();
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken ct)
        {
            var runId = (await db.RunAsOfAsync(null, ct))?.Id;
            var claims = db.Claims.AsNoTracking().InBands(db, query.Bands, runId);
            if (query.Site is { } site)
            {
                // The site that reviewed the claim: where conclusive evidence was published, by URL or by its publisher's homepage.
                var onSite = $"^[a-z][a-z0-9+.-]*://([^/?#@]*\\.)?{Regex.Escape(site)}([:/?#]|$)";
                // Or an imported ClaimReview's publisher site (stored without "www.", as Google's site is).
                var subdomain = "." + site;
                claims = claims.Where(c => c.Evidence.Any(e => e.Conclusive && (Regex.IsMatch(e.Article.Url, onSite, RegexOptions.IgnoreCase)
                    || (e.Article.Publisher.Homepage != null && Regex.IsMatch(e.Article.Publisher.Homepage, onSite, RegexOptions.IgnoreCase))))
                    || db.ClaimReviews.Any(r => r.ClaimId == c.Id && r.PublisherSite != null && (r.PublisherSite == site || r.PublisherSite.EndsWith(subdomain))));
            }
            if (query.MaxAgeDays is { } days)
            {
                // Google: "age is determined by either claim date or review date, whichever is newer".
                var since = clock.GetUtcNow().AddDays(-days);
                claims = claims.Where(c => c.FirstReportedAt >= since
                    || c.Evidence.Any(e => e.Conclusive && e.ObservedAt >= since)
                    || c.History.Any(h => Claim.Resolutions.Contains(h.To) && h.ChangedAt >= since)
                    || db.ClaimReviews.Any(r => r.ClaimId == c.Id && r.ReviewDate >= since));
            }
            var rows = claims.Apply(db, query, await ClaimFilters.SourceIdAsync(db, query, ct), runId);

            // Ranked over a bounded pool of candidates the indexes answer (SearchCandidates), then filtered, ordered and
            // paged in memory: the pool is at most a few hundred claims, and the filters read only those.
            var candidates = await SearchCandidates.Query(db, query.Text!.Trim(), query.Language).ToListAsync(ct);
            var ids = candidates.Select(c => c.ClaimId).ToList();
            var kept = await rows.Where(r => ids.Contains(r.Claim.Id))
                .Select(r => new { r.Claim.Id, r.Probability }).ToDictionaryAsync(r => r.Id, r => r.Probability, ct);
            IEnumerable<SearchCandidates.Candidate> hits = candidates.Where(c => kept.ContainsKey(c.ClaimId));
            if (PageToken.Decode(query.PageToken) is { } after)
                hits = hits.Where(h => h.Score < after.Score || (h.Score == after.Score && h.ClaimId.CompareTo(after.Id) > 0));
            var size = query.PageSize ?? DefaultPageSize;
            var ordered = hits.OrderByDescending(h => h.Score).ThenBy(h => h.ClaimId);
            var ranked = (query.PageToken is null ? ordered.Skip(query.Offset ?? 0) : ordered).Take(size + 1).ToList();

            var pageIds = ranked.Select(h => h.ClaimId).ToList();
            var items = await db.Claims.AsNoTracking().Where(c => pageIds.Contains(c.Id))
                .Select(c => new
                {
                    c.Id,
                    c.Statement,
                    Claimant = c.Reports.OrderBy(p => p.ReportedAt).ThenBy(p => p.Id)
                        .Select(p => p.Chain.Where(l => l.Position == 0).Select(l => l.Source.Name).FirstOrDefault()).FirstOrDefault(),
                    c.FirstReportedAt,
                    Reviews = db.ClaimReviews.Where(r => r.ClaimId == c.Id).OrderBy(r => r.ReviewDate).ThenBy(r => r.Id)
                        .Select(r => new Review(new Publisher(r.FactChecker.Name, r.PublisherSite), r.Url, r.Title, r.ReviewDate, r.TextualRating, r.Language))
                        .ToList(),
                    c.Status,
                })
                .ToDictionaryAsync(c => c.Id, ct);
            var page = ranked.Select(h => items[h.ClaimId]).Zip(ranked, (c, h) => new Item(
                c.Statement, c.Claimant, c.FirstReportedAt, c.Reviews, c.Id, c.Status, kept[h.ClaimId], h.Language, h.Score)).ToList();

            var next = page.Count > size ? new PageToken(page[size - 1].Score, page[size - 1].Id, query.Fingerprint()).Encode() : null;
            return new Response(page.Take(size).ToList(), next);
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    private static partial Regex SitePattern();
}
