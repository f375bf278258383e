using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Infrastructure;

// Problem details in JSON whatever the request's Accept header names. The API has no other representation, and the
// default writer declines a client that accepts only XML or HTML: its error would lose its body, or become plain text.
// Registered after the default writer, so it only writes what that one declines.
public sealed class AnyAcceptProblemDetailsWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        return new ValueTask(http.Response.WriteAsJsonAsync(
            problem, json.Value.SerializerOptions.GetTypeInfo(problem.GetType()), "application/problem+json"));
    }
}
