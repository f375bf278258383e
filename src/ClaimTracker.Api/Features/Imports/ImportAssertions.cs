using System.Diagnostics;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Features.Imports;

// Bulk import of assertions from archives and benchmark data sets. The import row is committed first and its
// progress on connections of its own, so that GET /imports/{id} shows it while the file streams in; the file's
// rows are loaded in one transaction of their own. So this is not an ICommand: the TransactionBehavior that
// wraps a command in one transaction would hide the progress and take the failure record down with the file.
public static class ImportAssertions
{
    private const int ErrorsInProblem = 100;

    public static void Map(IEndpointRouteBuilder imports)
    {
        var options = imports.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value;
        imports.MapPost("/", async Task<Results<Created<ImportResponse>, ProblemHttpResult>> (
                HttpRequest request,
                [FromQuery(Name = "errors")] string? errors,
                [FromQuery(Name = "name")] string? name,
                ISender sender, CancellationToken ct) =>
            {
                if (AssertionFile.FormatOf(request.ContentType) is not { } format)
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                        detail: $"Send NDJSON as {string.Join(" or ", AssertionFile.NdjsonMediaTypes)}, or CSV as {AssertionFile.CsvMediaType}, in UTF-8.");
                var import = await sender.Send(new Command(format, errors, name, request.Body), ct);
                return import.Status == ImportStatus.Succeeded ? TypedResults.Created($"/imports/{import.Id}", import) : Rejected(import);
            })
            .WithName("ImportAssertions")
            .AcceptsIdempotencyKey()
            .RequireRole(Role.Editor)
            .WithSummary("Import assertions from an NDJSON or CSV file (streamed)")
            .WithDescription($$"""
                One line is one assertion: 'source' (a slug, or a name: a name no source has, by name, alias or derived slug, creates a source of kind 'other'), 'claim' (the statement), 'polarity' (affirms or denies), and optionally 'question' (a key; created when new), 'confidence' (0 to 1) or 'hedgeWords' (read through the current English lexicon into a stated confidence), 'time' (ISO 8601 with offset) and 'resolution' (true, false, mixed or unresolvable: resolves the claim).
                A claim is the one with the same statement in the same question (or without a question when none is given), compared as POST /claims finds duplicates: ignoring case, runs of spaces, curly quote marks and a final full stop; otherwise it is created, unverified, worded as its first line. An import is an event: sending a file twice adds its assertions twice, and reuses the sources, questions and claims.
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

    public sealed record Command(ImportFormat Format, string? Errors, string? Name, Stream Body) : IRequest<ImportResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Errors).Must(e => e is null || SnakeCase.TryParse<ErrorPolicy>(e, out _))
                .WithMessage($"'errors' is one of {SnakeCase.Names<ErrorPolicy>()}.");
            RuleFor(c => c.Name).MaximumLength(Import.MaxFileNameLength)
                .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("'name' may not contain control characters.");
        }
    }

    public sealed class Handler(
        ClaimTrackerDbContext db, LexiconCache lexicon, IOptions<ImportOptions> options, IServiceScopeFactory scopes,
        IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ImportStaging> logger, AuditLog audit, IdempotencyClaim idempotency,
        ClaimEmbeddings embeddings)
        : IRequestHandler<Command, ImportResponse>
    {
        public async ValueTask<ImportResponse> Handle(Command command, CancellationToken ct)
        {
            var file = await AssertionFile.OpenAsync(command.Body, command.Format, options.Value.MaxBodyBytes, ct);
            var policy = command.Errors is null ? ErrorPolicy.RejectFile : SnakeCase.Parse<ErrorPolicy>(command.Errors);
            var import = new Import(command.Format, policy, string.IsNullOrWhiteSpace(command.Name) ? null : command.Name.Trim(), clock.GetUtcNow());
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                db.Imports.Add(import);
                audit.Stage(nameof(ImportAssertions), new AuditChange("imports", import.Id.ToString(), ChangeKind.Added));
                await db.SaveChangesAsync(ct);
                await idempotency.MarkCommittedAsync(db, ct);
                await transaction.CommitAsync(ct);
            }

            var errors = new LineErrors();
            var progress = new ImportProgress(db.Database.GetConnectionString()!, import.Id);
            try
            {
                var hedges = new HedgeConfidence(await lexicon.GetAsync(db, LanguageTags.Default, ct));
                await using var staging = await ImportStaging.CreateAsync(db, logger, ct);
                var watch = Stopwatch.StartNew();
                var linesRead = await staging.ReceiveAsync(file, policy, errors, hedges, progress, ct);
                var received = watch.Elapsed;

                // The whole file is in: finish even if the client stops waiting (GET /imports/{id} has the outcome).
                var stopping = lifetime.ApplicationStopping;
                import.StartLoading(linesRead);
                await db.SaveChangesAsync(stopping);
                if (policy == ErrorPolicy.SkipLine || errors.Total == 0) await staging.CheckResolutionsAsync(policy, errors, stopping);

                if (policy == ErrorPolicy.RejectFile && errors.Total > 0)
                {
                    import.Fail(
                        $"{errors.Total} of {linesRead} lines are invalid, and with errors=reject_file one bad line rejects the file: nothing was loaded. "
                        + "Fix the lines listed, or send errors=skip_line to load the valid ones.",
                        linesRead, errors, clock.GetUtcNow());
                    await db.SaveChangesAsync(stopping);
                }
                else
                {
                    await staging.LoadAsync(import, errors, clock, stopping);
                    embeddings.StatementsArrived();
                }
                logger.LogInformation("Import {Import} {Status}: {Lines} lines received and staged in {Received} ms, loaded in {Loaded} ms",
                    import.Id, SnakeCase.Name(import.Status), linesRead, (long)received.TotalMilliseconds, (long)(watch.Elapsed - received).TotalMilliseconds);
            }
            catch (Exception exception)
            {
                await RecordFailureAsync(import.Id, Describe(exception, progress.LinesRead), progress.LinesRead, errors);
                if (import.Status != ImportStatus.Succeeded) await idempotency.UnmarkAsync(db); // nothing loaded: a retry may run
                throw;
            }
            // As GET /imports/{id} shows it, times at the database's precision.
            return ImportResponse.From(await db.Imports.AsNoTracking().FirstAsync(i => i.Id == import.Id, CancellationToken.None));
        }

        // In a scope of its own: the request's DbContext may hold a broken connection or a rolled-back state.
        private async Task RecordFailureAsync(Guid importId, string error, long linesRead, LineErrors errors)
        {
            await using var scope = scopes.CreateAsyncScope();
            var fresh = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
            var import = await fresh.Imports.FirstAsync(i => i.Id == importId, CancellationToken.None);
            if (import.Status is ImportStatus.Succeeded or ImportStatus.Failed) return;
            import.Fail(error, linesRead, errors, clock.GetUtcNow());
            await fresh.SaveChangesAsync(CancellationToken.None);
        }

        private string Describe(Exception exception, long linesRead) => exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                $"The body is larger than the import limit of {options.Value.MaxBodyBytes} bytes (ClaimTracker:Imports:MaxBodyBytes). Nothing was loaded.",
            BadHttpRequestException or IOException or OperationCanceledException =>
                $"The upload stopped after {linesRead} lines, before the end of the file. Nothing was loaded.",
            _ => $"The import failed on the server after {linesRead} lines; the error has been logged. Nothing was loaded.",
        };
    }
}

public sealed class ImportOptions
{
    public const string Section = "ClaimTracker:Imports";

    // Archives and benchmark data sets run to hundreds of megabytes. The body is streamed, never held in memory,
    // so the limit guards the disk and the time one upload can take rather than memory.
    public long MaxBodyBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
