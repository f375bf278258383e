using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.ClaimReviews;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Npgsql;

namespace ClaimTracker.Api.Features.ClaimReviews;

// Fact-checkers' ClaimReviews in (ClaimReviewReader reads every shape; docs/claimreview.md). One transaction for the
// whole file, one savepoint per review: a review that fails is undone to the last byte and listed, and with
// errors=reject_file (the default) one failure undoes the file. Idempotent by review URL (StoredReview.Key).
public static class ImportClaimReviews
{
    public const string LdJson = "application/ld+json";
    public const string Json = "application/json";

    public static void Map(IEndpointRouteBuilder claimReviews)
    {
        var options = claimReviews.ServiceProvider.GetRequiredService<IOptions<ClaimReviewImportOptions>>().Value;
        var limit = options.MaxBodyBytes;
        claimReviews.MapPost("/", async Task<Results<Ok<Response>, ProblemHttpResult>> (
                HttpRequest request, [FromQuery(Name = "errors")] string? errors, ISender sender, CancellationToken ct) =>
            {
                if (!IsJson(request.ContentType))
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                        detail: $"Send ClaimReview JSON-LD as {LdJson} or {Json}, in UTF-8.");
                if (errors is not null && !SnakeCase.TryParse<ErrorPolicy>(errors, out _))
                    return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
                    {
                        ["errors"] = [$"'errors' is one of {SnakeCase.Names<ErrorPolicy>()}."],
                    }) { Status = StatusCodes.Status400BadRequest });
                var policy = errors is null ? ErrorPolicy.RejectFile : SnakeCase.Parse<ErrorPolicy>(errors);

                var document = await ClaimReviewReader.ReadAsync(request.Body, ct);
                if (document.DocumentError is { } unreadable)
                    return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
                    {
                        ["$"] = [unreadable.Line is null ? unreadable.Reason : $"{unreadable.Reason} (line {unreadable.Line}, position {unreadable.Position})"],
                    })
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The document is not ClaimReview JSON",
                        Detail = "Nothing was imported.",
                    });
                if (document.Items > options.MaxItems)
                    return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many reviews in one request",
                        detail: $"The document holds {document.Items} reviews; one request imports at most {options.MaxItems} "
                            + $"({ClaimReviewImportOptions.Section}:MaxItems). Split the feed: reviews already imported are answered as unchanged. Nothing was imported.");
                if (policy == ErrorPolicy.RejectFile && document.Errors.Count > 0)
                    return Rejected(document.Errors.Select(e => new ItemError(e.Index, e.Path, e.Reason)).ToList(), document.Items);
                try
                {
                    return TypedResults.Ok(await sender.Send(new Command(document, policy), ct));
                }
                catch (ItemsRejectedException rejected)
                {
                    return Rejected(rejected.Errors, document.Items);
                }
            })
            .WithName("ImportClaimReviews")
            .RequireRole(Role.Editor)
            .WithMetadata(new BodyLimit(limit))
            .WithSummary("Import fact-checkers' ClaimReviews (JSON-LD, a DataFeed, or a Fact Check Tools answer)")
            .WithDescription($$"""
                The body ({{LdJson}} or {{Json}}, UTF-8, at most {{limit}} bytes: ClaimTracker:ClaimReviewImport:MaxBodyBytes, and at most {{options.MaxItems}} reviews: MaxItems; split larger feeds) is one schema.org ClaimReview, an array of them, a DataFeed whose dataFeedElement items hold them, an @graph page, or a Google Fact Check Tools claims:search answer (claims[].claimReview[]); docs/claimreview.md lists what is read.

                Each review becomes: the claim (claimReviewed, or the Fact Check Tools claim's text) — the stored claim with the same statement among claims without a question (compared as POST /claims finds duplicates), else a new unverified claim; a report per appearance (itemReviewed.appearance and firstAppearance; its site as the publishing outlet, datePublished as when it was said, the first itemReviewed.author or claimant as the origin: a Person as an official, an organisation as 'other'); without an appearance, one report through the review itself (the fact-check article, published by the fact-checker); the fact-checker (author or publisher) as a source of kind fact_checker, found by its site or name; and the verdict, through the rating crosswalk (GET /claimreviews/crosswalk).

                Verdicts: true and mostly_true resolve an unresolved claim as true, mixed as mixed, false as false, unresolvable as unresolvable, superseded as superseded (trueUntil from ClaimTracker's own "True until …" explanation, else the review date); the reason names the review URL and its label. A claim already resolved the same way is left as it is; resolved differently, it keeps its resolution and the item is reported as a conflict. not_a_verdict ("Satire", "Explainer") and labels the crosswalk does not know store the review without a verdict and leave the claim as it is; unknown labels are listed per item (verdict.unmapped) and in unmappedLabels — never guessed. Numeric ratings are kept raw.

                A review is imported once: its URL (or, without one, the SHA-256 of its publisher site, claimReviewed, label and review date) is its key, and sending it again answers it as unchanged and changes nothing.

                errors=reject_file (default): one bad review rejects the file and nothing is written (422 problem details: 'errors' keyed "items[index]" with the item's path and reason, and 'itemErrors'). errors=skip_item: the good reviews are imported, the bad ones listed in 'errors'. Malformed JSON is a 400 naming the line and position. The answer counts items, imported, matched (an existing claim), created (a new claim), unmapped, unchanged (already imported), conflicts and failed, and lists each item's result by index.
                """)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = $"ClaimReview JSON-LD, a DataFeed of them, or a Fact Check Tools claims:search answer, as {LdJson} or {Json}. Streamed.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        // application/json is read the same way; it is left out here because its body has no schema of
                        // ours (the document is schema.org's), which the OpenAPI document gives every JSON body.
                        [LdJson] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object }, Example = JsonNode.Parse(SampleReview) },
                    },
                };
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private const string SampleReview = """
        {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://factcheck.example.org/kim-train",
         "claimReviewed": "Kim Jong Un's train left Pyongyang on Sunday", "datePublished": "2023-09-12",
         "author": {"@type": "Organization", "name": "Example Fact Check", "url": "https://factcheck.example.org"},
         "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "An official"},
           "appearance": [{"@type": "CreativeWork", "url": "https://news.example.com/kim-train", "datePublished": "2023-09-10"}]},
         "reviewRating": {"@type": "Rating", "alternateName": "Mostly True", "ratingValue": 4, "bestRating": 5, "worstRating": 1}}
        """;

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals(LdJson, StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    // 422 listing every bad item, keyed by its index like a field's errors, and as a list with index, path and reason.
    private static ProblemHttpResult Rejected(IReadOnlyList<ItemError> errors, int items) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors
            .GroupBy(e => $"items[{e.Index}]")
            .ToDictionary(g => g.Key, g => g.Select(e => $"{e.Path}: {e.Reason}").ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The file was rejected",
            Detail = $"{errors.Count} of {items} items cannot be imported, and with errors=reject_file one bad item rejects the file: nothing was written. "
                + "Fix the items listed, or send errors=skip_item to import the others.",
            Extensions = { ["itemErrors"] = errors, ["items"] = items },
        });

    // Lifts the global request body limit for the import's own (RequestLimits answers 413 on Content-Length up front).
    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    public enum ErrorPolicy { RejectFile, SkipItem }

    public sealed record Command(ClaimReviewDocument Document, ErrorPolicy Policy) : ICommand<Response>;

    public sealed record Response(
        int Items, int Imported, int Matched, int Created, int Unmapped, int Unchanged, int Conflicts, int Failed,
        IReadOnlyList<UnmappedLabel> UnmappedLabels, IReadOnlyList<ItemResult> Results, IReadOnlyList<ItemError> Errors);

    // A label to add to the crosswalk, with the scope it was met in and how many imported reviews carry it.
    public sealed record UnmappedLabel(string Label, string? Language, string? Publisher, int Items);

    public sealed class Handler(ClaimTrackerDbContext db, ClaimReviewImporter importer, CrosswalkCache crosswalks, AuditTrail trail)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var document = command.Document;
            var crosswalk = await crosswalks.GetAsync(db, ct);
            var transaction = db.Database.CurrentTransaction!;
            var results = new List<ItemResult>();
            var errors = document.Errors.Select(e => new ItemError(e.Index, e.Path, e.Reason)).ToList();
            foreach (var item in document.Reviews)
            {
                var mark = trail.Count;
                await transaction.CreateSavepointAsync("review", ct);
                try
                {
                    results.Add(await importer.ImportAsync(item, crosswalk, ct));
                    await transaction.ReleaseSavepointAsync("review", ct);
                }
                catch (Exception e) when (ReasonOf(e) is { } reason)
                {
                    await transaction.RollbackToSavepointAsync("review", ct);
                    db.ChangeTracker.Clear();
                    trail.RollBackTo(mark);
                    importer.Forget();
                    errors.Add(new ItemError(item.Index, item.Path, reason));
                }
            }
            if (command.Policy == ErrorPolicy.RejectFile && errors.Count > 0)
                throw new ItemsRejectedException(errors.OrderBy(e => e.Index).ToList());

            var imported = results.Where(r => r.Status == ItemStatus.Imported).ToList();
            var unmapped = imported.Where(r => r.Verdict is { Unmapped: true }).ToList();
            var byIndex = document.Reviews.ToDictionary(r => r.Index);
            return new Response(
                document.Items,
                imported.Count,
                imported.Count(r => r.Claim == ClaimMatch.Matched),
                imported.Count(r => r.Claim == ClaimMatch.Created),
                unmapped.Count,
                results.Count(r => r.Status == ItemStatus.Unchanged),
                imported.Count(r => r.Effect == VerdictEffect.Conflict),
                errors.Count,
                unmapped.GroupBy(r => (RatingLabel.Normalize(r.Verdict!.Label), byIndex[r.Index].LabelLanguage, byIndex[r.Index].Publisher?.Site))
                    .Select(g => new UnmappedLabel(g.First().Verdict!.Label!, g.Key.LabelLanguage, g.Key.Site, g.Count()))
                    .OrderByDescending(l => l.Items).ThenBy(l => l.Label, StringComparer.Ordinal).ToList(),
                results,
                errors.OrderBy(e => e.Index).ToList());
        }

        // A client's mistake in one review, reported for that item. A collision with a concurrent transaction is not:
        // it goes up so the whole import runs again (Collisions).
        private static string? ReasonOf(Exception e) => e switch
        {
            ItemException or ConflictException or MissingReferenceException => e.Message,
            ValidationException v => string.Join("; ", v.Errors.Select(f => $"{f.PropertyName}: {f.ErrorMessage}")),
            DbUpdateException { InnerException: PostgresException p } when p.SqlState is not (PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
                => p.SqlState == PostgresErrorCodes.UniqueViolation ? "imported at the same time by another request; send it again" : p.MessageText,
            _ => null,
        };
    }

    public sealed class ItemsRejectedException(IReadOnlyList<ItemError> errors) : Exception("The file was rejected.")
    {
        public IReadOnlyList<ItemError> Errors { get; } = errors;
    }
}

public sealed class ClaimReviewImportOptions
{
    public const string Section = "ClaimTracker:ClaimReviewImport";

    // A fact-checker's whole feed (tens of thousands of reviews) fits; the document is read whole before it is imported.
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

    // One transaction holds a lock on each new claim's statement (as POST /claims does) until it commits, and
    // PostgreSQL's lock table has room for max_locks_per_transaction × max_connections locks (6,400 by default) for
    // every session together: past a few thousand reviews a request would fail half-way with "out of shared memory".
    public int MaxItems { get; set; } = 5000;
}
