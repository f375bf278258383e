using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Access;

public static class ListApiKeys
{
    public static void Map(IEndpointRouteBuilder keys) =>
        keys.MapGet("/", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListApiKeys")
            .RequireRole(Role.Admin)
            .WithSummary("List API keys, newest first (administrative)")
            .WithDescription("Names, roles, who created and revoked each key and when; never the keys themselves. Revoked keys only with includeRevoked=true. Newest first; pageSize (at most 100) and pageToken (the previous answer's nextPageToken, with the same includeRevoked), or page for small offsets only (page × pageSize at most 10000); total exact up to 10000, else 10000 with totalIsEstimate true.");

    public sealed record Query(
        [property: FromQuery(Name = "includeRevoked")] bool? IncludeRevoked,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken)
        : IQuery<PagedList<ApiKeyResponse>>, IKeysetPaged;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddKeysetPagingRules((_, t) => TimeIdPosition.Read(t));
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<ApiKeyResponse>>
    {
        public async ValueTask<PagedList<ApiKeyResponse>> Handle(Query query, CancellationToken ct)
        {
            var keys = db.ApiKeys.AsNoTracking().Where(k => query.IncludeRevoked == true || k.RevokedAt == null);
            var count = await keys.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, TimeIdPosition.Read) is { } after)
                keys = keys.Where(k => EF.Functions.LessThan(ValueTuple.Create(k.CreatedAt, k.Id), ValueTuple.Create(after.At, after.Id)));
            var items = await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).PageOf(query)
                .Select(ApiKeyResponse.FromKey).ToListAsync(ct);
            return items.ToPagedList(query, count, last => PageToken.For(query, last.CreatedAt, last.Id));
        }
    }
}
