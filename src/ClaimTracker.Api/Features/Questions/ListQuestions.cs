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
        questions.MapGet("/", async ([FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(page, pageSize), ct)))
            .WithName("ListQuestions")
            .RequireRole(Role.Reader)
            .WithSummary("List questions, newest first")
            .WithDescription("Each question's key, text, number of claims and of open (unresolved) claims; page and pageSize (at most 100). GET /questions/{key} ranks a question's claims by truth estimate.");

    public sealed record Query(int? Page, int? PageSize) : IQuery<PagedList<Item>>, IPaged;

    public sealed record Item(string Key, string? Text, int ClaimCount, int OpenClaims, DateTimeOffset CreatedAt);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.AddPagingRules();
    }

    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, PagedList<Item>>
    {
        public async ValueTask<PagedList<Item>> Handle(Query query, CancellationToken ct)
        {
            var questions = db.Questions.AsNoTracking();
            var items = await questions.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id)
                .Skip(query.Skip()).Take(query.Size())
                .Select(q => new Item(q.Key, q.Text,
                    db.Claims.Count(c => c.QuestionId == q.Id),
                    db.Claims.Count(c => c.QuestionId == q.Id && !Claim.Resolutions.Contains(c.Status)),
                    q.CreatedAt))
                .ToListAsync(ct);
            return new PagedList<Item>(items, query.PageNumber(), query.Size(), await questions.CountAsync(ct));
        }
    }
}
