using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Features.Questions;

// The questions' route table: one line per use case; each use case's file holds its route, role and OpenAPI text.
public static class QuestionRoutes
{
    public static void MapQuestions(this IEndpointRouteBuilder app)
    {
        var questions = app.MapGroup("/questions").WithTags("Questions").ProducesCommonProblems();
        ListQuestions.Map(questions);
        GetQuestion.Map(questions);
    }
}
