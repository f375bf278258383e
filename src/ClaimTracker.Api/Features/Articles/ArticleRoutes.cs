using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Articles;

// The articles' route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class ArticleRoutes
{
    public static void MapArticles(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/articles").WithTags("Articles").ProducesCommonProblems();
        CreateArticle.Map(articles);
        GetArticle.Map(articles);
    }
}
