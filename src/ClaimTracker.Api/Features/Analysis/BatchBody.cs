using System.Runtime.CompilerServices;
using System.Text.Json;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using FluentValidation.Results;

namespace ClaimTracker.Api.Features.Analysis;

// Why a batch line was not analysed: the field at fault ("line" when it is not one JSON object) and what to fix.
public sealed record LineError(string Field, string Detail);

// A batch line as read: its number in the body (from 1, every physical line counted) and either what to analyse or why not.
public readonly record struct BatchLine(long Number, JsonElement? Id, AnalyseBatch.Line? Request, LineError? Error);

// Reads a batch body one line at a time, holding no more than one line of it (and one read ahead), however long the body.
// Blank lines are skipped but counted, so that a line's number is its place in the file the caller sent.
public sealed class BatchBody
{
    // A line holds at most AnalyseText.MaxTextLength characters of text; at up to three UTF-8 bytes a character,
    // plus escapes and the other fields, 1 MiB leaves room for any line that keeps to that limit.
    public const int MaxLineBytes = 1024 * 1024;
    private const int ReadSize = 64 * 1024;

    private static readonly AnalyseText.Validator TextRules = new();

    private readonly StreamedLines _lines;
    private readonly JsonSerializerOptions _json;

    private BatchBody(StreamedLines lines, JsonSerializerOptions json) => (_lines, _json) = (lines, json);

    // Reads as far as the first line that is not blank, so that an empty body is refused before any answer is sent.
    public static async Task<BatchBody> OpenAsync(Stream body, long maxBytes, JsonSerializerOptions json, CancellationToken ct)
    {
        // MaxLineBytes + 1: a line of exactly MaxLineBytes is still read, however the body arrives.
        var lines = await StreamedLines.OpenAsync(body, maxBytes, "batch", $"{AnalyseBatch.Options.Section}:MaxBodyBytes",
            ReadSize, MaxLineBytes + 1, lineEnd: null, ct);
        while (lines.Unread.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            if (lines.Ended)
                throw new ValidationException([new ValidationFailure("body",
                    "The body is empty: send one JSON object a line, such as {\"id\": \"s1\", \"text\": \"Officials said the talks may resume.\"}.")]);
            await lines.FillAsync(ct);
        }
        return new BatchBody(lines, json);
    }

    // The number the next line read will have.
    public long LineNumber => _lines.LineNumber;

    public async IAsyncEnumerable<BatchLine> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in _lines.ReadAsync(ct))
            if (Read(line) is { } read) yield return read;
    }

    // Null for a blank line.
    private BatchLine? Read(StreamedLine line)
    {
        if (line.Unended) return TooLong(line.Number);
        var record = line.Bytes.Span;
        if (record.IndexOfAnyExcept(" \t"u8) < 0) return null;
        return record.Length > MaxLineBytes ? TooLong(line.Number) : Parse(line.Number, record);
    }

    private static BatchLine TooLong(long number) =>
        new(number, null, null, new LineError("line", $"The line is longer than {MaxLineBytes} bytes; 'text' is limited to {AnalyseText.MaxTextLength} characters."));

    private BatchLine Parse(long number, ReadOnlySpan<byte> record)
    {
        AnalyseBatch.Line? request;
        try
        {
            request = JsonSerializer.Deserialize<AnalyseBatch.Line>(record, _json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            var (field, detail) = e is JsonException json
                ? (json.Path is { Length: > 2 } path ? path[2..] : "line", $"Not a valid line: {ProblemDetailsExceptionHandler.JsonMessage(json)}")
                : ("line", "The line is not valid UTF-8 JSON.");
            return new BatchLine(number, IdOf(record), null, new LineError(field, detail));
        }
        if (request is null) return new BatchLine(number, null, null, new LineError("line", "A line is one JSON object with at least 'text'."));

        if (request.Id is { } id && !(id.ValueKind == JsonValueKind.Number || id is { ValueKind: JsonValueKind.String } && IsShortText(id)))
            return new BatchLine(number, null, null, new LineError("id", $"'id' is a string of at most {AnalyseBatch.MaxIdLength} characters, or a number."));
        var failure = TextRules.Validate(new AnalyseText.Query(request.Text ?? "", request.Language, request.Publisher, request.SyndicatedFrom))
            .Errors.FirstOrDefault();
        return failure is null
            ? new BatchLine(number, request.Id, request, null)
            : new BatchLine(number, request.Id, null, new LineError(JsonNamingPolicy.CamelCase.ConvertName(failure.PropertyName), failure.ErrorMessage));
    }

    // A JSON string can escape half a surrogate pair ("\ud800"), which is no text at all: such an id is refused like a long one.
    private static bool IsShortText(JsonElement id)
    {
        try
        {
            return id.GetString()!.Length <= AnalyseBatch.MaxIdLength;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // The id of a line that could not be read as a whole, so that its error can still be matched to the caller's record.
    private static JsonElement? IdOf(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("id", out var id)
                && (id.ValueKind is JsonValueKind.Number || id.ValueKind is JsonValueKind.String && IsShortText(id))
                ? id.Clone()
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
