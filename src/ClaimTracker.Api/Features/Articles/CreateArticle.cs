using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Articles;

// Idempotent by canonical URL: posting a known URL returns the article already stored, unchanged.
public static class CreateArticle
{
    public sealed record Command(
        string Url,
        string Title,
        SourceRef Publisher,
        DateTimeOffset? PublishedAt,
        SourceRef? SyndicatedFrom = null,
        string? Language = null,
        string? Body = null) : ICommand<Response>;

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
            RuleFor(c => c.PublishedAt).NotNull();
            RuleFor(c => c.Body).MaximumLength(Article.MaxBodyLength);
            Include(new ArticleFieldsValidator<Command>(c => c.Title, c => c.Language, c => c.PublishedAt));
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
                    command.PublishedAt!.Value, command.Language, command.Body, field: "", ct);
            return new Response(ArticleResponse.From(article), created);
        }
    }
}
