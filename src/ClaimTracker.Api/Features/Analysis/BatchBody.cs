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

    private readonly Stream _body;
    private readonly long _maxBytes;
    private readonly JsonSerializerOptions _json;
    private byte[] _buffer = new byte[ReadSize];
    private int _start;
    private int _end;
    private bool _ended;
    private bool _skippingLongLine;
    private long _bytesRead;
    private long _lineNumber = 1;

    private BatchBody(Stream body, long maxBytes, JsonSerializerOptions json) => (_body, _maxBytes, _json) = (body, maxBytes, json);

    // Reads as far as the first line that is not blank, so that an empty body is refused before any answer is sent.
    public static async Task<BatchBody> OpenAsync(Stream body, long maxBytes, JsonSerializerOptions json, CancellationToken ct)
    {
        var batch = new BatchBody(body, maxBytes, json);
        while (batch._end < 3 && !batch._ended) await batch.FillAsync(ct);
        if (batch._end >= 3 && batch._buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8)) batch._start = 3;
        while (batch.Unread.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            if (batch._ended)
                throw new ValidationException([new ValidationFailure("body",
                    "The body is empty: send one JSON object a line, such as {\"id\": \"s1\", \"text\": \"Officials said the talks may resume.\"}.")]);
            await batch.FillAsync(ct);
        }
        return batch;
    }

    // The number the next line read will have.
    public long LineNumber => _lineNumber;

    private Span<byte> Unread => _buffer.AsSpan(_start, _end - _start);

    public async IAsyncEnumerable<BatchLine> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            if (TryNext(out var line))
            {
                if (line is { } read) yield return read;
                continue;
            }
            if (_ended) yield break;
            await FillAsync(ct);
        }
    }

    // False when the buffer holds no complete line; true with null for a blank line or the rest of an overlong one.
    private bool TryNext(out BatchLine? line)
    {
        line = null;
        var data = Unread;
        if (_skippingLongLine)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0) { _start = _end; return false; }
            _start += newline + 1;
            _skippingLongLine = false;
            return true;
        }
        if (data.IsEmpty) return false;

        var end = data.IndexOf((byte)'\n');
        var number = _lineNumber;
        if (end < 0)
        {
            if (data.Length > MaxLineBytes)
            {
                _start = _end;
                _skippingLongLine = true;
                _lineNumber++;
                line = TooLong(number);
                return true;
            }
            if (!_ended) return false;
            end = data.Length; // the last line, without a final line break
        }

        var record = data[..end];
        _start += Math.Min(end + 1, data.Length);
        _lineNumber++;
        if (record.Length > 0 && record[^1] == '\r') record = record[..^1];
        if (record.IndexOfAnyExcept(" \t"u8) < 0) return true;
        line = record.Length > MaxLineBytes ? TooLong(number) : Parse(number, record);
        return true;
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

        if (request.Id is { } id && !(id.ValueKind == JsonValueKind.Number || id is { ValueKind: JsonValueKind.String } && id.GetString()!.Length <= AnalyseBatch.MaxIdLength))
            return new BatchLine(number, null, null, new LineError("id", $"'id' is a string of at most {AnalyseBatch.MaxIdLength} characters, or a number."));
        var failure = TextRules.Validate(new AnalyseText.Query(request.Text ?? "", request.Language, request.Publisher, request.SyndicatedFrom))
            .Errors.FirstOrDefault();
        return failure is null
            ? new BatchLine(number, request.Id, request, null)
            : new BatchLine(number, request.Id, null, new LineError(JsonNamingPolicy.CamelCase.ConvertName(failure.PropertyName), failure.ErrorMessage));
    }

    // The id of a line that could not be read as a whole, so that its error can still be matched to the caller's record.
    private static JsonElement? IdOf(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("id", out var id)
                && id.ValueKind is JsonValueKind.String or JsonValueKind.Number && id.GetRawText().Length <= AnalyseBatch.MaxIdLength + 2
                ? id.Clone()
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        // Grow only while one line is longer than the buffer; past MaxLineBytes the line is refused and skipped.
        if (_buffer.Length - _end < ReadSize / 2) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = await _body.ReadAsync(_buffer.AsMemory(_end), ct);
        if (read == 0) { _ended = true; return; }
        _end += read;
        _bytesRead += read;
        // The server enforces the limit too (Kestrel's MaxRequestBodySize); this check holds on any host.
        if (_bytesRead > _maxBytes)
            throw new BadHttpRequestException(
                $"The body is larger than the batch limit of {_maxBytes} bytes ({AnalyseBatch.Options.Section}:MaxBodyBytes).",
                StatusCodes.Status413PayloadTooLarge);
    }
}
