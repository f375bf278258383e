using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ClaimTracker.Api.Features.Audit;

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", async ([AsParameters] ListAuditParameters p, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAudit.Query(p.Actor, p.Entity, p.EntityId, p.Action, p.From, p.To, p.Page, p.PageSize), ct)))
            .WithTags("Access")
            .WithName("ListAudit")
            .WithSummary("Who changed what, newest first (administrative)")
            .WithDescription("Every write, with its actor ('key:<id>' and the key's name, 'cli:<user>' for the command line, 'system' for scheduled jobs), operation and the rows it added, changed or deleted (table and key). Filter by actor (id or name), action (e.g. RecordClaim), entityId (e.g. a claim's id: who recorded it and every later change), entity (a table name, e.g. claims) and time (from inclusive, to exclusive, ISO 8601 with offset).")
            .RequireRole(Role.Admin)
            .ProducesCommonProblems();
    }

    public sealed record ListAuditParameters(
        [property: FromQuery(Name = "actor")] string? Actor,
        [property: FromQuery(Name = "entity")] string? Entity,
        [property: FromQuery(Name = "entityId")] string? EntityId,
        [property: FromQuery(Name = "action")] string? Action,
        [property: FromQuery(Name = "from")] string? From,
        [property: FromQuery(Name = "to")] string? To,
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize);
}
