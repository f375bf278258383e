using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Infrastructure;

// The answers endpoints share: the resource or a 404 problem naming what was asked for, and 201 with the address
// of what was created.
public static class Answers
{
    public static Results<Ok<T>, ProblemHttpResult> OkOrNotFound<T>(T? value, string what, object key) where T : class =>
        value is null ? Problems.NotFound(what, key) : TypedResults.Ok(value);

    public static Results<Created<T>, ProblemHttpResult> CreatedOrNotFound<T>(T? value, string location, string what, object key)
        where T : class =>
        value is null ? Problems.NotFound(what, key) : TypedResults.Created(location, value);

    // Creates that are idempotent by content (an article by its URL): 201 when new, 200 with what was already stored.
    public static Results<Created<T>, Ok<T>> CreatedOrOk<T>(bool created, T value, string location) =>
        created ? TypedResults.Created(location, value) : TypedResults.Ok(value);
}
