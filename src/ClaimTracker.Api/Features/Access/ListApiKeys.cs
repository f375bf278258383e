using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Access;

public static class ListApiKeys
{
    public sealed record Query(bool? IncludeRevoked, int? Page, int? PageSize) : IQuery<PagedList<ApiKeyResponse>>, IPaged;

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
