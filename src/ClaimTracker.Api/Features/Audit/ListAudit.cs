using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Audit;

public static class ListAudit
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/audit", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListAudit")
            .RequireRole(Role.Admin)
            .WithSummary("Who changed what, newest first (administrative)")
            .WithDescription("Every write, with its actor ('key:<id>' and the key's name, 'cli:<user>' for the command line, 'system' for scheduled jobs), operation and the rows it added, changed or deleted (table and key). Filter by actor (id or name), action (e.g. RecordClaim), entityId (e.g. a claim's id: who recorded it and every later change), entity (a table name, e.g. claims) and time (from inclusive, to exclusive, ISO 8601 with offset). Newest first; pageSize (at most 100) and pageToken (the previous answer's nextPageToken, with the same filters), or page for small offsets only (page × pageSize at most 10000); total exact up to 10000, else 10000 with totalIsEstimate true.");

    public sealed record Query(
        [property: FromQuery(Name = "actor")] string? Actor,
        [property: FromQuery(Name = "entity")] string? Entity,
        [property: FromQuery(Name = "entityId")] string? EntityId,
        [property: FromQuery(Name = "action")] string? Action,
        [property: FromQuery(Name = "from")] string? From,
        [property: FromQuery(Name = "to")] string? To,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken)
        : IQuery<PagedList<Response>>, IKeysetPaged;

    public sealed record Response(Guid Id, DateTimeOffset At, string ActorId, string ActorName, string Action, IReadOnlyList<AuditChange> Changes);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.AddKeysetPagingRules((_, t) => TimeIdPosition.Read(t));
            RuleFor(q => q.From).Must(t => Dates.TryParse(t, out _)).When(q => q.From is not null).WithMessage(Dates.FormatRule);
            RuleFor(q => q.To).Must(t => Dates.TryParse(t, out _)).When(q => q.To is not null).WithMessage(Dates.FormatRule);
            RuleFor(q => q.Actor).MaximumLength(300);
            RuleFor(q => q.Entity).MaximumLength(100);
            RuleFor(q => q.EntityId).MaximumLength(300);
            RuleFor(q => q.Action).MaximumLength(100);
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Response>>
    {
        public async ValueTask<PagedList<Response>> Handle(Query query, CancellationToken ct)
        {
            var entries = db.AuditLog.AsNoTracking();
            if (query.Actor is { Length: > 0 } actor) entries = entries.Where(e => e.ActorId == actor || e.ActorName == actor);
            if (query.Action is { Length: > 0 } action) entries = entries.Where(e => e.Action == action);
            if (query.EntityId is { Length: > 0 } id)
                entries = entries.Where(e => e.Changes.Any(c => c.EntityId == id && (query.Entity == null || c.Entity == query.Entity)));
            else if (query.Entity is { Length: > 0 } entity) entries = entries.Where(e => e.Changes.Any(c => c.Entity == entity));
            // PostgreSQL's timestamptz takes UTC only: 10:00-05:00 is asked for as 15:00Z.
            if (Dates.TryParse(query.From, out var from)) { var fromUtc = from.ToUniversalTime(); entries = entries.Where(e => e.At >= fromUtc); }
            if (Dates.TryParse(query.To, out var to)) { var toUtc = to.ToUniversalTime(); entries = entries.Where(e => e.At < toUtc); }

            var count = await entries.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, TimeIdPosition.Read) is { } after)
                entries = entries.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(after.At, after.Id)));
            var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).PageOf(query)
                .Select(e => new Response(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.Changes.ToList()))
                .ToListAsync(ct);
            return items.ToPagedList(query, count, last => PageToken.For(query, last.At, last.Id));
        }
    }
}
