using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Lexicon;

public static class ListLexiconVersions
{
    public sealed record Query(int? Page, int? PageSize) : IQuery<PagedList<Item>>, IPaged;

    public sealed record Item(int Version, DateTimeOffset CreatedAt, string Summary, int ChangeCount);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddPagingRules();
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var versions = db.LexiconVersions.AsNoTracking();
            var items = await versions.OrderByDescending(v => v.Version)
                .Skip(query.Skip()).Take(query.Size())
                .Select(v => new Item(v.Version, v.CreatedAt, v.Summary, v.Changes.Count))
                .ToListAsync(ct);
            return new PagedList<Item>(items, query.PageNumber(), query.Size(), await versions.CountAsync(ct));
        }
    }
}
