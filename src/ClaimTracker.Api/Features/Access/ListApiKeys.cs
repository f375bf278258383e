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
            .WithDescription("Names, roles, who created and revoked each key and when; never the keys themselves. Revoked keys only with includeRevoked=true.");

    public sealed record Query(
        [property: FromQuery(Name = "includeRevoked")] bool? IncludeRevoked,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize) : IQuery<PagedList<ApiKeyResponse>>, IPaged;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddPagingRules();
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<ApiKeyResponse>>
    {
        public async ValueTask<PagedList<ApiKeyResponse>> Handle(Query query, CancellationToken ct)
        {
            var keys = db.ApiKeys.AsNoTracking().Where(k => query.IncludeRevoked == true || k.RevokedAt == null);
            var items = await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
                .Skip(query.Skip()).Take(query.Size()).Select(ApiKeyResponse.FromKey).ToListAsync(ct);
            return new PagedList<ApiKeyResponse>(items, query.PageNumber(), query.Size(), await keys.CountAsync(ct));
        }
    }
}
