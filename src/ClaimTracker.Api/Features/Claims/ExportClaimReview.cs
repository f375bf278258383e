using System.Linq.Expressions;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClaimTracker.Api.Features.Claims;

// GET /claims/{id} with Accept: application/ld+json (GetClaim.cs asks WantsJsonLd): a resolved claim as a schema.org
// ClaimReview; a claim nobody has resolved yet as a bare schema.org Claim (@type tells them apart), since there is no
// review to publish but the claim, its author and its appearances are still worth linking to.
public static class ExportClaimReview
{
    // application/ld+json when the client asks for it at least as strongly as for plain JSON; */* alone keeps JSON, so
    // a client that never heard of JSON-LD gets the answer it always got.
    public static bool WantsJsonLd(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        double Quality(Func<MediaTypeHeaderValue, bool> matches) =>
            accepted.Where(matches).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var ld = Quality(a => a.MediaType.Equals(ClaimReviewLd.MediaType, StringComparison.OrdinalIgnoreCase));
        var json = Quality(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        return ld > 0 && ld >= json;
    }

    public static string ApiBaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public sealed record Query(Guid Id, string ApiBaseUrl) : IQuery<IVersioned?>;

    public sealed class Handler(ClaimTrackerDbContext db, IOptions<ClaimReviewOptions> options) : IQueryHandler<Query, IVersioned?>
    {
        public async ValueTask<IVersioned?> Handle(Query query, CancellationToken ct)
        {
            var row = await db.Claims.AsNoTracking().Where(c => c.Id == query.Id).Select(ToRow).SingleOrDefaultAsync(ct);
            if (row is null) return null;
            return Claim.Resolutions.Contains(row.Status)
                ? Review(row, options.Value, query.ApiBaseUrl) with { Context = ClaimReviewLd.SchemaOrg }
                : ItemReviewed(row) with
                {
                    Context = ClaimReviewLd.SchemaOrg,
                    Text = row.Statement,
                    Url = options.Value.ReviewUrl(row.Id, query.ApiBaseUrl),
                };
        }
    }

    // What a ClaimReview is made of, read in one query: the feed (ExportClaimReviews) reads many at once.
    public sealed record Row(
        Guid Id, string Statement, ClaimStatus Status, int Version, DateTimeOffset FirstReportedAt, DateTimeOffset UpdatedAt,
        DateTimeOffset? TrueUntil, LastChange? Resolved, IReadOnlyList<Appearance> Appearances);

    public sealed record LastChange(ClaimStatus To, string Reason, DateTimeOffset ChangedAt);

    public sealed record Appearance(
        string Url, string Title, DateTimeOffset? PublishedAt, string? Language, Party Publisher, Party? Origin, DateTimeOffset ReportedAt);

    public sealed record Party(string Name, SourceKind Kind, string? Homepage);

    public static readonly Expression<Func<Claim, Row>> ToRow = c => new Row(
        c.Id, c.Statement, c.Status, c.Version, c.FirstReportedAt, c.UpdatedAt, c.TrueUntil,
        c.History.OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => new LastChange(h.To, h.Reason, h.ChangedAt)).FirstOrDefault(),
        c.Reports.OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).Select(r => new Appearance(
            r.Article.Url, r.Article.Title, r.Article.PublishedAt, r.Article.Language,
            new Party(r.Article.Publisher.Name, r.Article.Publisher.Kind, r.Article.Publisher.Homepage),
            r.Chain.OrderBy(l => l.Position).Select(l => new Party(l.Source.Name, l.Source.Kind, l.Source.Homepage)).FirstOrDefault(),
            r.ReportedAt)).ToList());

    public static ClaimReviewLd.Review Review(Row row, ClaimReviewOptions options, string apiBaseUrl)
    {
        // The last status change is the resolution: a resolved claim changes status only by being reopened.
        var resolved = row.Resolved is { } change && change.To == row.Status ? change : null;
        var explanation = row is { Status: ClaimStatus.Superseded, TrueUntil: { } until }
            ? $"True until {until:yyyy-MM-dd HH:mm}Z. {resolved?.Reason}".Trim()
            : resolved?.Reason;
        return new ClaimReviewLd.Review(
            options.ReviewUrl(row.Id, apiBaseUrl),
            row.Statement,
            ItemReviewed(row),
            new ClaimReviewLd.Agent("Organization", options.Organization.Name, options.Organization.Url),
            ClaimReviewRatings.Rating(row.Status, explanation),
            resolved?.ChangedAt ?? row.UpdatedAt,
            options.Language) { Version = row.Version };
    }

    // The claim's author is the origin of its first report: who said it first, as far as ClaimTracker knows.
    private static ClaimReviewLd.Claim ItemReviewed(Row row)
    {
        var appearances = row.Appearances.DistinctBy(a => a.Url).Select(Work).ToList();
        var first = row.Appearances.FirstOrDefault();
        return new ClaimReviewLd.Claim(
            first?.Origin is { } origin ? Agent(origin) : null,
            row.FirstReportedAt,
            appearances,
            first is null ? null : Work(first)) { Version = row.Version };
    }

    private static ClaimReviewLd.CreativeWork Work(Appearance a) =>
        new(a.Url, a.Title, a.PublishedAt, Agent(a.Publisher), a.Language);

    // schema.org has no type for "a government" or "a wire agency": they are organisations; experts and officials,
    // named or not, are people.
    private static ClaimReviewLd.Agent Agent(Party party) => new(
        party.Kind is SourceKind.Expert or SourceKind.Official or SourceKind.Anonymous ? "Person" : "Organization",
        party.Name,
        party.Homepage);
}
