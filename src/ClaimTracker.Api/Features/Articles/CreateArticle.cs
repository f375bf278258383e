using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Articles;

// Idempotent by canonical URL: posting a known URL returns the article already stored, unchanged.
public static class CreateArticle
{
    public static void Map(IEndpointRouteBuilder articles) =>
        articles.MapPost("/", async Task<Results<Created<ArticleResponse>, Ok<ArticleResponse>>> (Command command, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(command, ct);
                return Answers.CreatedOrOk(result.Created, result.Article, $"/articles/{result.Article.Id}");
            })
            .WithName("CreateArticle")
            .RequireRole(Role.Editor)
            .AcceptsIdempotencyKey()
            .WithSummary("Store an article, or get the one already stored at its URL")
            .WithDescription("Idempotent by canonical URL (lower-case host, no fragment, no utm_*/fbclid/gclid, no trailing slash): 201 when new, 200 with the stored article when the URL is known. Sources can be named by id, slug, or inline by name and kind. 'publishedAt' may be left out when the article shows no date (reports and evidence from it then give their own time); 'datePrecision' (day, month, year) says how much of it is known (a month-precise date is stored as the month's first instant, UTC), and 'dateInferred' flags a date inferred rather than shown.")
            .WithRequestExample(SampleStory.NdtvArticle)
            .ProducesWriteProblems();

    public sealed record Command(
        string Url,
        string Title,
        SourceRef Publisher,
        DateTimeOffset? PublishedAt,
        SourceRef? SyndicatedFrom = null,
        string? Language = null,
        string? Body = null,
        DatePrecision? DatePrecision = null,
        bool? DateInferred = null) : ICommand<Response>;

    public sealed record Response(ArticleResponse Article, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Url).NotEmpty().Must(url => CanonicalUrl.TryCreate(url, out _))
                .WithMessage($"'url' must be an absolute http or https URL of at most {CanonicalUrl.MaxLength} characters.");
            RuleFor(c => c.Title).NotEmpty();
            RuleFor(c => c.Publisher).NotNull().SetValidator(new SourceRef.Validator());
            RuleFor(c => c.SyndicatedFrom!).SetValidator(new SourceRef.Validator()).When(c => c.SyndicatedFrom is not null);
            RuleFor(c => c.Body).MaximumLength(Article.MaxBodyLength);
            Include(new ArticleFieldsValidator<Command>(c => c.Title, c => c.Language, c => c.PublishedAt, c => c.DatePrecision, c => c.DateInferred));
        }
    }

    public sealed class Handler(ArticleResolver articles) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var url = CanonicalUrl.Create(command.Url);
            var (article, created) = await articles.FindAsync(url, ct) is { } existing
                ? (existing, false)
                : await articles.CreateAsync(url, command.Title, command.Publisher, command.SyndicatedFrom,
                    ArticleDate.Of(command.PublishedAt, command.DatePrecision, command.DateInferred), command.Language, command.Body, field: "", ct);
            return new Response(ArticleResponse.From(article), created);
        }
    }
}
