using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Questions;

public static class ListQuestions
{
    public static void Map(IEndpointRouteBuilder questions) =>
        questions.MapGet("/", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ListQuestions")
            .RequireRole(Role.Reader)
            .WithSummary("List questions, newest first")
            .WithDescription("Each question's key, text, number of claims and of open (unresolved) claims. Newest first; pageSize (at most 100) and pageToken (the previous answer's nextPageToken), or page for small offsets only (page × pageSize at most 10000); total exact up to 10000, else 10000 with totalIsEstimate true. GET /questions/{key} ranks a question's claims by truth estimate.");

    public sealed record Query(
        [property: FromQuery(Name = "page")] int? Page,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "pageToken")] string? PageToken)
        : IQuery<PagedList<Item>>, IKeysetPaged;

    // The id is not part of the answer (questions are named by key) but breaks ties in the order, so the token carries it.
    private sealed record Row(Guid Id, Item Item);

    public sealed record Item(string Key, string? Text, int ClaimCount, int OpenClaims, DateTimeOffset CreatedAt);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddKeysetPagingRules((_, t) => TimeIdPosition.Read(t));
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var questions = db.Questions.AsNoTracking();
            var count = await questions.CountUpToLimitAsync(ct);
            if (PageToken.Read(query.PageToken, query, TimeIdPosition.Read) is { } after)
                questions = questions.Where(q => EF.Functions.LessThan(ValueTuple.Create(q.CreatedAt, q.Id), ValueTuple.Create(after.At, after.Id)));
            var rows = await questions.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id).PageOf(query)
                .Select(q => new Row(q.Id, new Item(q.Key, q.Text,
                    db.Claims.Count(c => c.QuestionId == q.Id),
                    db.Claims.Count(c => c.QuestionId == q.Id && !Claim.Resolutions.Contains(c.Status)),
                    q.CreatedAt)))
                .ToListAsync(ct);
            var page = rows.ToPagedList(query, count, last => PageToken.For(query, last.Item.CreatedAt, last.Id));
            return new PagedList<Item>(page.Items.Select(r => r.Item).ToList(), page.Page, page.PageSize, page.Total, page.TotalIsEstimate, page.NextPageToken);
        }
    }
}
