using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.ClaimReviews;

// Every resolved claim as a schema.org DataFeed of ClaimReviews, for fact-check aggregators and for another
// ClaimTracker's import. Pages are cut by (dateModified, id), not by offset: a claim resolved, reopened or re-resolved
// while a reader pages moves to the end and is read again with its new dateModified, never skipped.
public static class ExportClaimReviews
{
    public static void Map(IEndpointRouteBuilder claimReviews) =>
        claimReviews.MapGet("/", async (int? pageSize, string? pageToken, HttpRequest request, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var query = new Query(pageSize, pageToken, ExportClaimReview.ApiBaseUrl(request));
                var feed = await sender.Send(query, ct);
                if (feed.NextPageToken is { } next)
                {
                    var url = $"{ExportClaimReview.ApiBaseUrl(request)}/claimreviews?pageSize={query.Size}&pageToken={next}";
                    response.Headers.Link = $"<{url}>; rel=\"next\"";
                }
                return TypedResults.Json(feed, ClaimReviewLd.Json, ClaimReviewLd.MediaType);
            })
            .WithName("ExportClaimReviews")
            .RequireRole(Role.Reader)
            .WithSummary("Every resolved claim as a schema.org DataFeed of ClaimReviews")
            .WithDescription($$"""
                A JSON-LD ({{ClaimReviewLd.MediaType}}) schema.org DataFeed: one DataFeedItem per resolved claim, its item the claim's ClaimReview (as GET /claims/{id} answers it with Accept: {{ClaimReviewLd.MediaType}}) and its dateModified the claim's last change. Oldest change first; pageSize items a page (default {{Paging.DefaultPageSize}}, at most {{Paging.MaxPageSize}}); nextPageToken (also in a Link rel="next" header) continues, and is absent on the last page. A claim changed while you page (resolved, reopened, resolved again) leaves its place and comes again later with its new dateModified, so none is skipped; a claim reopened and not resolved again is no longer in the feed.
                """)
            .Produces<ClaimReviewLd.Feed>(StatusCodes.Status200OK, ClaimReviewLd.MediaType);

    // ApiBaseUrl is the address this API was reached at, for the reviews' url when no public one is configured.
    public sealed record Query(int? PageSize, string? PageToken, string ApiBaseUrl) : IQuery<ClaimReviewLd.Feed>
    {
        public int Size => PageSize ?? Paging.DefaultPageSize;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize).When(q => q.PageSize is not null);
            RuleFor(q => q.PageToken).Must(t => PageToken.TryParse(t, out _)).When(q => q.PageToken is not null)
                .WithMessage("'pageToken' is the nextPageToken of an earlier page of this feed, unchanged.");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, IOptions<ClaimReviewOptions> options) : IQueryHandler<Query, ClaimReviewLd.Feed>
    {
        public async ValueTask<ClaimReviewLd.Feed> Handle(Query query, CancellationToken ct)
        {
            var claims = db.Claims.AsNoTracking().Where(c => c.MergedIntoId == null && Claim.Resolutions.Contains(c.Status));
            if (query.PageToken is not null && PageToken.TryParse(query.PageToken, out var after))
                claims = claims.Where(c => EF.Functions.GreaterThan(
                    ValueTuple.Create(c.UpdatedAt, c.Id), ValueTuple.Create(after.ModifiedAt, after.Id)));
            var rows = await claims.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id).Take(query.Size + 1)
                .Select(ExportClaimReview.ToRow).ToListAsync(ct);

            var page = rows.Take(query.Size).ToList();
            var next = rows.Count > query.Size ? new PageToken(page[^1].UpdatedAt, page[^1].Id).ToString() : null;
            var settings = options.Value;
            return new ClaimReviewLd.Feed(
                $"{settings.Organization.Name}: ClaimReviews",
                new ClaimReviewLd.Agent("Organization", settings.Organization.Name, settings.Organization.Url),
                page.Select(r => new ClaimReviewLd.FeedItem(r.UpdatedAt, ExportClaimReview.Review(r, settings, query.ApiBaseUrl))).ToList(),
                next);
        }
    }

    // The last item a page held, opaque to callers: base64url of "<ticks>.<id>".
    public readonly record struct PageToken(DateTimeOffset ModifiedAt, Guid Id)
    {
        public override string ToString() =>
            Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{ModifiedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id:N}"));

        public static bool TryParse(string? text, out PageToken token)
        {
            token = default;
            if (text is null || text.Length > 100) return false;
            string plain;
            try
            {
                plain = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
            }
            catch (FormatException)
            {
                return false;
            }
            var parts = plain.Split('.');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[1], "N", out var id))
                return false;
            token = new PageToken(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
    }
}
