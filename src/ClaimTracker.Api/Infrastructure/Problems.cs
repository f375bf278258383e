using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Infrastructure;

public static class Problems
{
    public static ProblemHttpResult NotFound(string what, object key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} '{key}'.");

    // Error answers every operation can give, declared once per route group for the OpenAPI document.
    public static TBuilder ProducesCommonProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesValidationProblem().ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}
