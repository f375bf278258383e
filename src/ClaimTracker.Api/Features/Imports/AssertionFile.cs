using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Net.Http.Headers;

namespace ClaimTracker.Api.Features.Imports;

// A line as read: its number in the file (from 1, counting every physical line) and either the assertion or why not.
public readonly record struct ReadLine(long Number, AssertionLine? Assertion, string? Error);

// Reads an import body one line at a time, holding no more than one buffer of it, however large the file.
// NDJSON: one JSON object per line. CSV (RFC 4180): a header row naming the columns in any order, then one
// record per line; a quoted field may hold commas, quotes ("") and line breaks. Blank lines are skipped.
public sealed class AssertionFile
{
    public const int MaxLineBytes = 64 * 1024;
    private const int BufferSize = 4 * MaxLineBytes;

    public static readonly string[] NdjsonMediaTypes = ["application/x-ndjson", "application/jsonl"];
    public const string CsvMediaType = "text/csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StreamedLines _lines;
    private readonly ImportFormat _format;
    private int[] _columns = [];
    private readonly List<string> _fields = new(AssertionLine.Fields.Length);

    private AssertionFile(StreamedLines lines, ImportFormat format) => (_lines, _format) = (lines, format);

    // Null for a media type the import does not read. UTF-8 is the only charset.
    public static ImportFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return null;
        if (media.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase)) return ImportFormat.Csv;
        return NdjsonMediaTypes.Any(t => media.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)) ? ImportFormat.Ndjson : null;
    }

    // Reads as far as the first line (NDJSON) or the header (CSV), so that an empty body or a CSV without the
    // columns it needs is refused before anything is recorded.
    public static async Task<AssertionFile> OpenAsync(Stream body, ImportFormat format, long maxBytes, CancellationToken ct)
    {
        var lines = await StreamedLines.OpenAsync(body, maxBytes, "import", $"{ImportOptions.Section}:MaxBodyBytes",
            BufferSize, MaxLineBytes, format == ImportFormat.Csv ? Csv.RecordEnd : null, ct);
        var file = new AssertionFile(lines, format);

        while (true)
        {
            SkipBlankLines(lines);
            if (lines.Unread.IndexOfAnyExcept(" \t\r\n"u8) < 0) lines.Advance(lines.Unread.Length, 0); // the start of a blank line
            else if (format == ImportFormat.Ndjson || file.TryReadHeader()) return file;
            else if (lines.Unread.Length >= MaxLineBytes) throw Invalid("header", $"The header row is longer than {MaxLineBytes} bytes.");

            if (lines.Ended) throw Invalid("body", "The body is empty: send one assertion per line (NDJSON), or a CSV header row and lines.");
            await lines.FillAsync(ct);
        }
    }

    public async IAsyncEnumerable<ReadLine> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in _lines.ReadAsync(ct))
            if (Read(line) is { } read) yield return read;
    }

    // Null for a blank line.
    private ReadLine? Read(StreamedLine line)
    {
        if (line.Unended)
            return new ReadLine(line.Number, null, _format == ImportFormat.Csv
                ? $"The line is longer than {MaxLineBytes} bytes, or a quoted field in it has no closing quote."
                : $"The line is longer than {MaxLineBytes} bytes.");
        var record = line.Bytes.Span;
        if (IsBlank(record)) return null;
        if (record.Length > MaxLineBytes) return new ReadLine(line.Number, null, $"The line is longer than {MaxLineBytes} bytes.");

        var raw = new RawLine();
        var error = _format == ImportFormat.Csv ? Csv.Read(record, _columns, _fields, ref raw) : Ndjson.Read(record, ref raw);
        var assertion = error is null ? AssertionLine.Check(raw, out error) : null;
        return new ReadLine(line.Number, assertion, error);
    }

    private static void SkipBlankLines(StreamedLines lines)
    {
        while (true)
        {
            var data = lines.Unread;
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0 || !IsBlank(data[..newline])) return;
            lines.Advance(newline + 1, 1);
        }
    }

    private bool TryReadHeader()
    {
        var data = _lines.Unread;
        var end = Csv.RecordEnd(data, out var breaks);
        if (end < 0 && !_lines.Ended) return false;
        if (end < 0) end = data.Length;
        var record = data[..end];
        if (record.Length > 0 && record[^1] == '\r') record = record[..^1];
        if (IsBlank(record)) throw Invalid("body", "The body is empty: send a CSV header row and lines.");
        _columns = Csv.Header(record, _fields);
        _lines.Advance(Math.Min(end + 1, data.Length), 1 + breaks);
        return true;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);

    private static string Decode(ReadOnlySpan<byte> bytes) => StrictUtf8.GetString(bytes);

    private const string NotUtf8 = "The line is not valid UTF-8 text.";

    private static class Ndjson
    {
        public static string? Read(ReadOnlySpan<byte> line, ref RawLine raw)
        {
            try
            {
                var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    return "A line is one JSON object, such as {\"source\": \"yonhap\", \"claim\": \"...\", \"polarity\": \"affirms\"}.";
                var seen = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.ValueIsEscaped ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                    var field = AssertionLine.FieldIndex(name);
                    if (field < 0) return $"'{name}' is not a field of an assertion; the fields are {string.Join(", ", AssertionLine.Fields)}.";
                    if ((seen & (1 << field)) != 0) return $"'{AssertionLine.Fields[field]}' appears twice.";
                    seen |= 1 << field;
                    reader.Read();
                    if (Value(ref reader, field, ref raw) is { } error) return error;
                }
                if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return "A line holds one JSON object and nothing after it.";
                return null;
            }
            catch (JsonException json)
            {
                return $"Not valid JSON: {json.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0]}";
            }
            catch (InvalidOperationException)
            {
                return NotUtf8;
            }
        }

        private static string? Value(ref Utf8JsonReader reader, int field, ref RawLine raw)
        {
            var name = AssertionLine.Fields[field];
            switch (name)
            {
                case AssertionLine.ConfidenceField:
                    if (reader.TokenType == JsonTokenType.Null) return null;
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var confidence)) return AssertionLine.ConfidenceRule;
                    raw.Confidence = confidence;
                    return null;
                case AssertionLine.HedgeWordsField:
                    if (reader.TokenType == JsonTokenType.Null) return null;
                    if (reader.TokenType != JsonTokenType.StartArray) return $"'{name}' is an array of strings.";
                    raw.HedgeWords = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String) return $"'{name}' is an array of strings.";
                        raw.HedgeWords.Add(reader.GetString()!);
                    }
                    return null;
                default:
                    if (reader.TokenType == JsonTokenType.Null) return null;
                    if (reader.TokenType != JsonTokenType.String) return $"'{name}' is a string.";
                    var text = reader.GetString();
                    switch (name)
                    {
                        case AssertionLine.SourceField: raw.Source = text; break;
                        case AssertionLine.QuestionField: raw.Question = text; break;
                        case AssertionLine.ClaimField: raw.Claim = text; break;
                        case AssertionLine.PolarityField: raw.Polarity = text; break;
                        case AssertionLine.TimeField: raw.Time = text; break;
                        case AssertionLine.ResolutionField: raw.Resolution = text; break;
                    }
                    return null;
            }
        }
    }

    private static class Csv
    {
        // The index of the line break that ends the record at the start of data, or -1 when data holds no whole
        // record yet. Line breaks inside quoted fields belong to the field; breaks counts them.
        public static int RecordEnd(ReadOnlySpan<byte> data, out int breaks)
        {
            breaks = 0;
            var i = 0;
            var fieldStart = true;
            while (i < data.Length)
            {
                if (fieldStart && data[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        var next = data[i..].IndexOfAny((byte)'"', (byte)'\n');
                        if (next < 0) return -1;
                        i += next;
                        if (data[i] == '\n') { breaks++; i++; continue; }
                        if (i + 1 >= data.Length) return -1; // a closing quote, or the first of "": the next byte says
                        if (data[i + 1] == '"') { i += 2; continue; }
                        i++;
                        break;
                    }
                    fieldStart = false;
                    continue;
                }
                var delimiter = data[i..].IndexOfAny((byte)',', (byte)'\n');
                if (delimiter < 0) return -1;
                i += delimiter;
                if (data[i] == '\n') return i;
                i++;
                fieldStart = true;
            }
            return -1;
        }

        // Column i of the file holds field columns[i] of AssertionLine.Fields.
        public static int[] Header(ReadOnlySpan<byte> record, List<string> fields)
        {
            string? error;
            try { error = Split(record, fields); }
            catch (DecoderFallbackException) { error = "The header row is not valid UTF-8 text."; }
            if (error is not null) throw Invalid("header", error);

            var problems = new List<string>();
            var columns = new int[fields.Count];
            for (var i = 0; i < fields.Count; i++)
            {
                var name = fields[i].Trim();
                columns[i] = AssertionLine.FieldIndex(name);
                if (columns[i] < 0)
                    problems.Add($"Column {i + 1} '{name}' is not a field of an assertion; the columns are {string.Join(", ", AssertionLine.Fields)}.");
                else if (Array.IndexOf(columns, columns[i]) < i)
                    problems.Add($"Column '{AssertionLine.Fields[columns[i]]}' appears twice.");
            }
            foreach (var required in AssertionLine.RequiredFields.Where(f => !columns.Contains(AssertionLine.FieldIndex(f))))
                problems.Add($"The header row has no '{required}' column; it needs {string.Join(", ", AssertionLine.RequiredFields)}.");
            if (problems.Count > 0) throw new ValidationException(problems.Select(p => new ValidationFailure("header", p)));
            return columns;
        }

        public static string? Read(ReadOnlySpan<byte> record, int[] columns, List<string> fields, ref RawLine raw)
        {
            try
            {
                if (Split(record, fields) is { } error) return error;
            }
            catch (DecoderFallbackException)
            {
                return NotUtf8;
            }
            if (fields.Count != columns.Length)
                return $"The line has {fields.Count} field{(fields.Count == 1 ? "" : "s")}; the header has {columns.Length}.";

            for (var i = 0; i < columns.Length; i++)
            {
                var value = fields[i];
                if (value.Length == 0) continue;
                switch (AssertionLine.Fields[columns[i]])
                {
                    case AssertionLine.SourceField: raw.Source = value; break;
                    case AssertionLine.QuestionField: raw.Question = value; break;
                    case AssertionLine.ClaimField: raw.Claim = value; break;
                    case AssertionLine.PolarityField: raw.Polarity = value; break;
                    case AssertionLine.TimeField: raw.Time = value; break;
                    case AssertionLine.ResolutionField: raw.Resolution = value; break;
                    case AssertionLine.HedgeWordsField:
                        raw.HedgeWords = [.. value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                        break;
                    case AssertionLine.ConfidenceField:
                        if (string.IsNullOrWhiteSpace(value)) break;
                        if (!AssertionLine.TryParseConfidence(value.Trim(), out var confidence)) return AssertionLine.ConfidenceRule;
                        raw.Confidence = confidence;
                        break;
                }
            }
            return null;
        }

        // Fields separated by commas; a field that starts with a quote runs to the closing quote, with "" for a quote.
        private static string? Split(ReadOnlySpan<byte> record, List<string> fields)
        {
            fields.Clear();
            var i = 0;
            while (true)
            {
                if (i < record.Length && record[i] == '"')
                {
                    var start = ++i;
                    var escaped = false;
                    while (true)
                    {
                        var quote = record[i..].IndexOf((byte)'"');
                        if (quote < 0) return "A quoted field has no closing quote.";
                        i += quote;
                        if (i + 1 < record.Length && record[i + 1] == '"') { escaped = true; i += 2; continue; }
                        break;
                    }
                    var text = Decode(record[start..i]);
                    fields.Add(escaped ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text);
                    i++;
                    if (i == record.Length) return null;
                    if (record[i] != ',') return "A quoted field must end at a comma or at the end of the line.";
                    i++;
                    continue;
                }
                var comma = record[i..].IndexOf((byte)',');
                if (comma < 0)
                {
                    fields.Add(Decode(record[i..]));
                    return null;
                }
                fields.Add(Decode(record.Slice(i, comma)));
                i += comma + 1;
            }
        }
    }
}
