using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Api.Infrastructure;

// The one place where exceptions become RFC 9457 problem details. Client mistakes get a 4xx that says
// which field and why; a database that is down or too slow a 503 with Retry-After; anything else is a 500
// that reveals nothing about the internals.
public sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the client went away; there is no one to answer

        var problem = exception switch
        {
            ValidationException validation => Validation(validation),
            BadHttpRequestException badRequest => BadRequest(badRequest),
            // ReadFromJsonAsync refusing the Content-Type it was given, e.g. "application/json; charset=utf-7".
            InvalidOperationException when exception.TargetSite?.DeclaringType == typeof(HttpRequestJsonExtensions) =>
                Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    "Send the body as JSON in UTF-8, with Content-Type: application/json."),
            JsonException json => JsonProblem(json),
            MissingReferenceException missing => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [missing.Field] = [missing.Message] })
            {
                Status = StatusCodes.Status404NotFound, Title = "A referenced resource does not exist", Detail = missing.Message,
            },
            ConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict", conflict.Message),
            DuplicateException duplicate => Duplicate(context, duplicate),
            StaleVersionException stale => Stale(context, stale.Message),
            DbUpdateConcurrencyException => Stale(context,
                "The resource was changed by another request; read it again and retry with its current version."),
            _ when PostgresErrors.Postgres(exception) is { SqlState: PostgresErrorCodes.UniqueViolation } unique =>
                Problem(StatusCodes.Status409Conflict, "Duplicate", Duplicate(unique)),
            _ when PostgresErrors.Postgres(exception) is { SqlState: PostgresErrorCodes.CharacterNotInRepertoire } =>
                Problem(StatusCodes.Status400BadRequest, "Invalid text", NoNulStringConverter.Rule),
            _ when PostgresErrors.IsCollision(exception) =>
                Problem(StatusCodes.Status409Conflict, "Conflict", "The request collided with concurrent ones several times; send it again."),
            _ when PostgresErrors.IsUnavailable(exception) => DatabaseUnavailable(exception),
            // 503 rather than 504: to the client this API is the origin server, not a gateway, and what happened is
            // that the server could not serve the request in time under its present load; Retry-After says when to try again.
            _ when PostgresErrors.IsStatementTimeout(exception) => StatementTimedOut(context),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Internal error",
                "The server failed to handle the request. It has been logged.");
        }

        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = exception,
        });
    }

    // Long enough for a restarting server to come back, short enough that a client does not give up on it.
    public const int RetryAfterSeconds = 5;

    private ProblemDetails DatabaseUnavailable(Exception exception)
    {
        // Nothing to reset for the recovery: when a connection breaks because the server is gone, Npgsql clears its
        // pool, so the requests after the database's return open fresh connections (FaultTests measures it).
        logger.LogWarning("The database is unavailable: {Error}", exception.GetBaseException().Message);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable",
            $"The database is unavailable; retry after {RetryAfterSeconds} seconds.");
    }

    private ProblemDetails StatementTimedOut(HttpContext context)
    {
        logger.LogWarning("A statement of {Method} {Path} ran into the statement timeout", context.Request.Method, context.Request.Path);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Database too slow",
            $"The database did not finish this request within its time limit; retry after {RetryAfterSeconds} seconds.");
    }

    private static ProblemDetails Duplicate(HttpContext context, DuplicateException duplicate)
    {
        context.Response.Headers.Location = duplicate.Location;
        var problem = Problem(StatusCodes.Status409Conflict, "Duplicate", duplicate.Message);
        problem.Extensions["existingId"] = duplicate.ExistingId;
        problem.Extensions["existing"] = duplicate.Location;
        return problem;
    }

    private static ValidationProblemDetails Validation(ValidationException exception) =>
        new(exception.Errors
            .GroupBy(e => JsonPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid",
            Detail = "See 'errors' for each field that was rejected and why.",
        };

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", exception.Message);

        if (exception.InnerException is JsonException json) return JsonProblem(json);
        if (UnboundParameter().Match(exception.Message) is { Success: true } parameter)
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups["name"].Value);
            var message = $"'{parameter.Groups["value"].Value}' is not a valid value for '{field}'.";
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest, Title = "The request is invalid", Detail = message,
            };
        }
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return Problem(exception.StatusCode, "Unsupported media type", "Send the body as JSON with Content-Type: application/json.");
        if (exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            return Problem(exception.StatusCode, "Missing body", "This operation needs a JSON object in the request body.");
        return Problem(exception.StatusCode, "Bad request", exception.Message);
    }

    // ASP.NET Core's words for a query or route value it could not convert: Failed to bind parameter "int? Page" from "abc".
    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex UnboundParameter();

    private static ValidationProblemDetails JsonProblem(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [JsonMessage(json)] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON for this operation",
            Detail = $"At {field}: {JsonMessage(json)}",
        };
    }

    // System.Text.Json's messages name .NET types ("System.Double"); say what the client can act on instead.
    internal static string JsonMessage(JsonException json) => json.Message switch
    {
        var m when m.Contains("could not be converted", StringComparison.Ordinal) =>
            "The value has the wrong type or is not one of the allowed values.",
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) =>
            "This property is not part of the request.",
        var m when m.StartsWith("Duplicate", StringComparison.Ordinal) =>
            "This property appears more than once in its object; send it once.",
        var m => m.Split(" Path:", 2)[0],
    };

    private static string Duplicate(PostgresException unique) => unique.ConstraintName switch
    {
        "ix_sources_slug" => "A source with this slug already exists.",
        "ix_articles_url" => "An article with this URL already exists.",
        var constraint => $"A record with the same unique value already exists ({constraint}).",
    };

    private static ProblemDetails Stale(HttpContext context, string detail) =>
        context.Request.Headers.IfMatch.Count > 0
            ? Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", detail)
            : Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    // "Report.Chain[0].Source.Slug" -> "report.chain[0].source.slug", the way the client wrote it.
    public static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
