using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Features.Imports;

public static class ImportEndpoints
{
    private const int ErrorsInProblem = 100;

    public static void MapImports(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value;
        var imports = app.MapGroup("/imports").WithTags("Imports").ProducesCommonProblems().RequireRole(Role.Reader);

        imports.MapPost("/", async Task<Results<Created<ImportResponse>, ProblemHttpResult>> (
                HttpRequest request,
                [FromQuery(Name = "errors")] string? errors,
                [FromQuery(Name = "name")] string? name,
                ISender sender, CancellationToken ct) =>
            {
                if (AssertionFile.FormatOf(request.ContentType) is not { } format)
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                        detail: $"Send NDJSON as {string.Join(" or ", AssertionFile.NdjsonMediaTypes)}, or CSV as {AssertionFile.CsvMediaType}, in UTF-8.");
                var import = await sender.Send(new ImportAssertions.Command(format, errors, name, request.Body), ct);
                return import.Status == ImportStatus.Succeeded ? TypedResults.Created($"/imports/{import.Id}", import) : Rejected(import);
            })
            .WithName("ImportAssertions")
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Editor)
            .WithSummary("Import assertions from an NDJSON or CSV file (streamed)")
            .WithDescription($$"""
                One line is one assertion: 'source' (a slug, or a name: a name no source has, by name, alias or derived slug, creates a source of kind 'other'), 'claim' (the statement), 'polarity' (affirms or denies), and optionally 'question' (a key; created when new), 'confidence' (0 to 1) or 'hedgeWords' (read through the current English lexicon into a stated confidence), 'time' (ISO 8601 with offset) and 'resolution' (true, false, mixed or unresolvable: resolves the claim).
                A claim is the one with the same statement in the same question (or without a question when none is given); otherwise it is created, unverified. An import is an event: sending a file twice adds its assertions twice, and reuses the sources, questions and claims.
                NDJSON: one JSON object per line. CSV: a header row naming the columns in any order; hedge words separated by ';'.
                errors=reject_file (default): one bad line rejects the file and nothing is loaded (422, with the bad lines). errors=skip_line: bad lines are left out and listed, the rest loads (201).
                Either way nothing of a file is ever half-loaded. Bodies up to {{options.MaxBodyBytes}} bytes (ClaimTracker:Imports:MaxBodyBytes); GET /imports/{id} shows the progress of an upload.
                """)
            .WithMetadata(new ImportBodyLimit(options.MaxBodyBytes))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Described here rather than with Accepts(), which would have routing refuse other content types
                // with a bare 415 before the handler can say which ones it reads.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The file, streamed: NDJSON (one JSON object per line) or CSV (a header row, then one line per assertion). UTF-8.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [AssertionFile.CsvMediaType] = Example(SampleCsv),
                        [AssertionFile.NdjsonMediaTypes[0]] = Example(SampleNdjson),
                        [AssertionFile.NdjsonMediaTypes[1]] = Example(SampleNdjson),
                    },
                };
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        imports.MapGet("/{id:guid}", async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetImport.Query(id), ct) is { } import ? TypedResults.Ok(import) : Problems.NotFound("import", id))
            .WithName("GetImport")
            .WithSummary("Get an import with its progress, counts and line errors")
            .WithDescription($"Status receiving (linesRead grows every {ImportProgress.WriteEvery} lines while the file streams in), loading, then succeeded or failed. Lists the first {LineErrors.MaxKept} line errors; linesRejected counts them all.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        imports.MapGet("/", async ([FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListImports.Query(page, pageSize), ct)))
            .WithName("ListImports")
            .WithSummary("List imports, newest first")
            .WithDescription("Each import's status and counts, without its line errors.");
    }

    private const string SampleCsv = """
        source,question,claim,polarity,confidence,hedgeWords,time
        yonhap,kim-putin-place,Kim and Putin meet in Vladivostok,affirms,,appears,2023-09-11T08:00:00+09:00
        Tokyo Shimbun,kim-putin-place,Kim and Putin meet at the Vostochny Cosmodrome,affirms,0.6,,2023-09-12T00:00:00Z
        """;

    private const string SampleNdjson = """
        {"source": "yonhap", "question": "kim-putin-place", "claim": "Kim and Putin meet in Vladivostok", "polarity": "affirms", "hedgeWords": ["appears"], "time": "2023-09-11T08:00:00+09:00"}
        {"source": "Tokyo Shimbun", "question": "kim-putin-place", "claim": "Kim and Putin meet at the Vostochny Cosmodrome", "polarity": "affirms", "confidence": 0.6}
        """;

    private static OpenApiMediaType Example(string text) =>
        new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(text + "\n") };

    // 422 with the import's id and its first bad lines, as 'errors' keyed "line 12", like a field's errors.
    private static ProblemHttpResult Rejected(ImportResponse import) =>
        TypedResults.Problem(new HttpValidationProblemDetails(import.Errors.Take(ErrorsInProblem)
            .GroupBy(e => $"line {e.Line}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The file was rejected",
            Detail = import.Error,
            Instance = $"/imports/{import.Id}",
            Extensions = { ["importId"] = import.Id, ["linesRead"] = import.LinesRead, ["linesRejected"] = import.LinesRejected },
        });

    // Lifts the global request body limit (RequestLimits) for the import's own, larger one.
    private sealed record ImportBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
