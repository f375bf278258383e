using ClaimTracker.Api.Features.Articles;
using FluentValidation;
using Mediator;

namespace ClaimTracker.Api.Features.Analysis;

// Stores an article with its body (idempotent by URL, like POST /articles) and answers with the claims it seems to make.
public static class SubmitArticle
{
    public sealed record Response(bool Created, ArticleProposals Result);

    public sealed record Command(CreateArticle.Command Article) : ICommand<Response>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Article).SetValidator(new CreateArticle.Validator()).OverridePropertyName("");
            RuleFor(c => c.Article.Body).Must(b => !string.IsNullOrWhiteSpace(b)).OverridePropertyName("body")
                .WithMessage("'body' is the article's text to read for claims.")
                .MaximumLength(AnalyseText.MaxTextLength).WithMessage($"'body' is limited to {AnalyseText.MaxTextLength} characters here.");
        }
    }

    public sealed class Handler(ISender sender, ArticleResolver articles, ProposalBuilder proposals) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var created = await sender.Send(command.Article, ct);
            var article = (await articles.FindAsync(created.Article.Url, ct))!;
            // A known URL keeps its stored article; the body just sent is the text read.
            return new Response(created.Created, await proposals.BuildAsync(article, command.Article.Body!, ct));
        }
    }
}
