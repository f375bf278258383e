using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClaimTracker.Api.Features.Analysis;

// POST /analysis for a corpus: NDJSON in, one answer line per line out, in order, both streamed. Writes nothing.
public static class AnalyseBatch
{
    public const string NdjsonMediaType = "application/x-ndjson";
    public const int MaxIdLength = 200;

    // The batch counts as one request on arrival, and its lines as one more for every hundred, taken from the same
    // allowance: a 10,000-line batch costs 101 of a key's 600 a minute, as much as 101 calls to POST /analysis.
    public const int LinesPerPermit = 100;

    // A batch may name a few languages; each is looked up once. Many more would only be a way to fill the lexicon cache.
    public const int MaxLanguages = 10;

    public sealed class Options
    {
        public const string Section = "ClaimTracker:AnalysisBatch";

        // 100,000 news sentences are about 15 MiB of NDJSON; the body is streamed, so the limit bounds the time one
        // request can take rather than memory.
        public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

        public int MaxLines { get; set; } = 100_000;
    }

    public static void Map(IEndpointRouteBuilder analysis)
    {
        var options = analysis.ServiceProvider.GetRequiredService<IOptions<Options>>().Value;
        analysis.MapPost("/analysis/batch", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (
                HttpRequest request,
                [FromQuery(Name = "language")] string? language,
                [FromQuery(Name = "publisher")] string? publisher,
                [FromQuery(Name = "syndicatedFrom")] string? syndicatedFrom,
                ISender sender, RateLimits.CallerLimiter limiter, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
            {
                if (AssertionFile.FormatOf(request.ContentType) != ImportFormat.Ndjson)
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                        detail: $"Send the lines as NDJSON, Content-Type: {string.Join(" or ", AssertionFile.NdjsonMediaTypes)}, in UTF-8.");
                var answers = await sender.Send(new Query(request.Body, language, publisher, syndicatedFrom), ct);
                return TypedResults.Stream(stream => WriteAsync(stream, answers, request.HttpContext, limiter, json.Value.SerializerOptions, ct),
                    NdjsonMediaType);
            })
            .WithName("AnalyseBatch")
            .RequireRole(Role.Reader)
            .WithSummary("Read many texts in one request: NDJSON lines in, one analysis a line out (streamed)")
            .WithDescription($$"""
                Writes nothing. One JSON object a line: {"id": "s1", "text": "...", "language": "en", "publisher": "...", "syndicatedFrom": "..."}; only 'text' is required. 'id' (a string of at most {{MaxIdLength}} characters, or a number) is echoed back; 'language', 'publisher' and 'syndicatedFrom' default to the query parameters of the same names. 'text' keeps the limits of POST /analysis ({{AnalyseText.MaxTextLength}} characters).
                The answer streams while the body does, one line per line in input order: {"line": 3, "id": "s1", "analysis": { ... } } with the same analysis POST /analysis gives, or {"line": 4, "id": "s2", "error": {"field": "text", "detail": "..." } } for a line that cannot be read (not JSON, no text, text too long, a language without a lexicon). A bad line never stops the others. 'line' counts every physical line from 1; blank lines get no answer.
                At most {{options.MaxLines}} lines (ClaimTracker:AnalysisBatch:MaxLines): the line after them is answered with an error for field 'body' and the rest is not read. Bodies up to {{options.MaxBodyBytes}} bytes (ClaimTracker:AnalysisBatch:MaxBodyBytes): 413 when Content-Length or the start of the body says more; a body that goes over once answers have begun ends with an error line for field 'body'.
                Before any answer: 415 for another content type, 400 for an empty body, 400 naming 'language' when the query's language has no lexicon. Rate limits count the batch as one request plus one for every {{LinesPerPermit}} lines; a caller whose allowance runs out mid-batch is slowed down, not cut off.
                """)
            .WithMetadata(new BatchBodyLimit(options.MaxBodyBytes))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Described here rather than with Accepts(), which would have routing refuse other content types with a
                // bare 415 before the handler can say which ones it reads.
                var example = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(SampleNdjson + "\n") };
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "NDJSON, streamed: one JSON object a line, each with 'text'. UTF-8.",
                    Content = AssertionFile.NdjsonMediaTypes.ToDictionary(t => t, _ => example),
                };
                return Task.CompletedTask;
            })
            .Produces<Answer>(StatusCodes.Status200OK, NdjsonMediaType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static readonly string SampleNdjson = string.Join('\n',
        JsonSerializer.Serialize(new { id = "c5", text = SampleStory.AnalysisExample.Text, publisher = "NDTV", syndicatedFrom = "AFP" }),
        """{"id": "bg-1", "text": "Vladivostok will be hosting the Eastern Economic Forum until Wednesday."}""");

    // Lifts the global request body limit (RequestLimits) for the batch's own, larger one.
    private sealed record BatchBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;

    public sealed record Line(JsonElement? Id, string? Text, string? Language = null, string? Publisher = null, string? SyndicatedFrom = null);

    // One answer line: the analysis or the error, never both.
    public sealed record Answer(
        long Line,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Id,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AnalysisResponse? Analysis,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LineError? Error);

    public sealed record Query(Stream Body, string? Language, string? Publisher, string? SyndicatedFrom) : IQuery<IAsyncEnumerable<Answer>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Language).Must(l => l is null || LanguageTags.IsValid(l)).WithMessage($"'language' is {LanguageTags.Rule}.");
            RuleFor(q => q.Publisher).MaximumLength(200);
            RuleFor(q => q.SyndicatedFrom).MaximumLength(200);
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, LexiconCache lexicon, HedgeModel model, IOptions<Options> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IQueryHandler<Query, IAsyncEnumerable<Answer>>
    {
        public async ValueTask<IAsyncEnumerable<Answer>> Handle(Query query, CancellationToken ct)
        {
            var fallback = await lexicon.RequireAsync(db, query.Language, "language", ct);
            var body = await BatchBody.OpenAsync(query.Body, options.Value.MaxBodyBytes, json.Value.SerializerOptions, ct);
            return AnswerAsync(body, query, fallback, ct);
        }

        private async IAsyncEnumerable<Answer> AnswerAsync(BatchBody body, Query query, LexiconSnapshot fallback,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            var readers = new Dictionary<string, (LexiconSnapshot Lexicon, TextAnalyzer Analyzer)?>(StringComparer.OrdinalIgnoreCase)
            {
                [LanguageTags.Normalize(query.Language ?? LanguageTags.Default)] = (fallback, model.AnalyzerFor(fallback)),
            };
            var maxLines = options.Value.MaxLines;
            var count = 0;
            await using var lines = body.ReadAsync(ct).GetAsyncEnumerator(ct);
            while (true)
            {
                Answer? last = null;
                try
                {
                    if (!await lines.MoveNextAsync()) yield break;
                }
                catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    // Answers have been sent with 200 already: the stream's last line says why it stops here.
                    last = new Answer(body.LineNumber, null, null, new LineError("body", tooLarge.Message + " The lines after the last answer were not read."));
                }
                if (last is not null) { yield return last; yield break; }

                var line = lines.Current;
                if (++count > maxLines)
                {
                    yield return new Answer(line.Number, null, null, new LineError("body",
                        $"A batch holds at most {maxLines} lines; this line and those after it were not read. Send them in another batch."));
                    yield break;
                }
                if (line.Request is not { } request)
                {
                    yield return new Answer(line.Number, line.Id, null, line.Error);
                    continue;
                }

                var language = LanguageTags.Normalize(request.Language ?? query.Language ?? LanguageTags.Default);
                if (!readers.TryGetValue(language, out var reader))
                {
                    if (readers.Count >= MaxLanguages)
                    {
                        yield return new Answer(line.Number, line.Id, null, new LineError("language",
                            $"A batch may use at most {MaxLanguages} languages; send the lines in '{request.Language}' in another batch."));
                        continue;
                    }
                    reader = await lexicon.GetAsync(db, language, ct) is { } snapshot ? (snapshot, model.AnalyzerFor(snapshot)) : null;
                    readers[language] = reader;
                }
                if (reader is not { } found)
                {
                    yield return new Answer(line.Number, line.Id, null, new LineError("language", LexiconRequirement.Missing(request.Language)));
                    continue;
                }

                var analysis = found.Analyzer.Analyze(request.Text!,
                    new ArticleContext(request.Publisher ?? query.Publisher, request.SyndicatedFrom ?? query.SyndicatedFrom));
                yield return new Answer(line.Number, line.Id, AnalysisResponse.From(analysis, found.Lexicon), null);
            }
        }
    }

    // Answers are written in blocks of about 32 KiB, and whenever the next one is not ready yet (the caller's next
    // lines have not arrived), so that a client streaming its lines gets its answers as they are made.
    private static async Task WriteAsync(Stream stream, IAsyncEnumerable<Answer> answers, HttpContext context,
        RateLimits.CallerLimiter limiter, JsonSerializerOptions json, CancellationToken ct)
    {
        const int FlushBytes = 32 * 1024;
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        await using var writer = new Utf8JsonWriter(buffer);
        await using var next = answers.GetAsyncEnumerator(ct);
        var written = 0L;
        while (true)
        {
            var moved = next.MoveNextAsync();
            if (!moved.IsCompleted && buffer.WrittenCount > 0) await FlushAsync();
            if (!await moved) break;
            JsonSerializer.Serialize(writer, next.Current, json);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= FlushBytes) await FlushAsync();
            if (++written % LinesPerPermit == 0) await limiter.SpendAsync(context, ct);
        }
        await FlushAsync();

        async Task FlushAsync()
        {
            await stream.WriteAsync(buffer.WrittenMemory, ct);
            await stream.FlushAsync(ct);
            buffer.ResetWrittenCount();
        }
    }
}
