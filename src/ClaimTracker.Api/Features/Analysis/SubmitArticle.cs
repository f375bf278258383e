using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Analysis;

// Stores an article with its body (idempotent by URL, like POST /articles) and answers with the claims it seems to make.
public static class SubmitArticle
{
    public static void Map(IEndpointRouteBuilder analysis) =>
        analysis.MapPost("/articles/proposals", async Task<Results<Created<ArticleProposals>, Ok<ArticleProposals>>> (CreateArticle.Command article, ISender sender, CancellationToken ct) =>
            {
                var submitted = await sender.Send(new Command(article), ct);
                return Answers.CreatedOrOk(submitted.Created, submitted.Result, $"/articles/{submitted.Result.Article.Id}");
            })
            .WithName("SubmitArticle")
            .RequireRole(Role.Editor)
            .AcceptsIdempotencyKey()
            .WithSummary("Store an article with its body and get the claims it seems to make")
            .WithDescription("Stores the article like POST /articles (idempotent by URL) and reads the body sent. Each proposal names its sentence, cues, stated probability and chain (each link matched to a stored source by name, slug or alias, or marked as new), and carries 'claim': the body of POST /claims that records it. Edit it if needed and POST it to accept the proposal.")
            .WithRequestExample(SampleStory.NdtvArticleWithBody)
            .ProducesWriteProblems();

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
