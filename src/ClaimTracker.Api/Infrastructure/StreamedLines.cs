using System.Runtime.CompilerServices;

namespace ClaimTracker.Api.Infrastructure;

// A line taken off a streamed body: the number of its first physical line (from 1) and its bytes without the line
// break. Unended: no line end came within the limit, so the line was refused and its bytes are passed over.
// Bytes points into the reader's buffer and holds only until the next line is asked for.
public readonly record struct StreamedLine(long Number, ReadOnlyMemory<byte> Bytes, bool Unended);

// Reads a request body one line at a time, holding no more than the line being read (and what came with it in
// the last read), however long the body: the NDJSON and CSV readers of the imports and the analysis batch share it.
// Every physical line is counted, so a line's number is its place in the file the caller sent.
public sealed class StreamedLines
{
    // The index of the line break that ends the line or record at the start of data, or -1 when data holds no
    // whole one yet; breaks counts the line breaks inside it (a CSV quoted field may hold some).
    public delegate int LineEnd(ReadOnlySpan<byte> data, out int breaks);

    private readonly Stream _body;
    private readonly long _maxBytes;
    private readonly string _limitName;
    private readonly string _limitSetting;
    private readonly int _readSize;
    private readonly int _endWithin;
    private readonly LineEnd _lineEnd;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _ended;
    private bool _skippingLongLine;
    private long _bytesRead;
    private long _lineNumber = 1;

    private StreamedLines(Stream body, long maxBytes, string limitName, string limitSetting, int bufferBytes, int endWithin, LineEnd? lineEnd)
    {
        (_body, _maxBytes, _limitName, _limitSetting) = (body, maxBytes, limitName, limitSetting);
        (_readSize, _endWithin, _lineEnd) = (bufferBytes, endWithin, lineEnd ?? NextNewline);
        _buffer = new byte[bufferBytes];
    }

    // Reads past a UTF-8 byte order mark, if the body starts with one. A body longer than maxBytes is refused
    // with 413, citing "the {limitName} limit" and its setting; a line whose end is not within the first
    // endWithin bytes is refused (StreamedLine.Unended) and skipped to the next physical line. lineEnd is a
    // plain newline unless given.
    public static async Task<StreamedLines> OpenAsync(Stream body, long maxBytes, string limitName, string limitSetting,
        int bufferBytes, int endWithin, LineEnd? lineEnd, CancellationToken ct)
    {
        var lines = new StreamedLines(body, maxBytes, limitName, limitSetting, bufferBytes, endWithin, lineEnd);
        while (lines._end < 3 && !lines._ended) await lines.FillAsync(ct);
        if (lines._end >= 3 && lines._buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8)) lines._start = 3;
        return lines;
    }

    // The number the next line read will have.
    public long LineNumber => _lineNumber;

    public bool Ended => _ended;

    // What has been read from the body and not yet taken; for looking ahead before ReadAsync, as a CSV header does.
    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(_start, _end - _start);

    // Passes over the first bytes of Unread, which hold this many line breaks.
    public void Advance(int bytes, int lineBreaks)
    {
        _start += bytes;
        _lineNumber += lineBreaks;
    }

    public async IAsyncEnumerable<StreamedLine> ReadAsync([EnumeratorCancellation] CancellationToken ct)
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

    // False when the buffer holds no complete line; true with null for the rest of an overlong line.
    private bool TryNext(out StreamedLine? line)
    {
        line = null;
        var data = _buffer.AsSpan(_start, _end - _start);
        if (_skippingLongLine)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0) { _start = _end; return false; }
            _start += newline + 1;
            _skippingLongLine = false;
            return true;
        }
        if (data.IsEmpty) return false;

        var end = _lineEnd(data, out var breaks);
        var number = _lineNumber;
        if (end < 0)
        {
            if (data.Length >= _endWithin)
            {
                // Resynchronise at the next physical line: a stray CSV quote must not swallow the rest of the file.
                var newline = data[.._endWithin].IndexOf((byte)'\n');
                if (newline >= 0) _start += newline + 1;
                else { _start = _end; _skippingLongLine = true; }
                _lineNumber++;
                line = new StreamedLine(number, ReadOnlyMemory<byte>.Empty, Unended: true);
                return true;
            }
            if (!_ended) return false;
            end = data.Length; // the last line, without a final line break
        }

        var length = end > 0 && data[end - 1] == '\r' ? end - 1 : end;
        line = new StreamedLine(number, _buffer.AsMemory(_start, length), Unended: false);
        _start += Math.Min(end + 1, data.Length);
        _lineNumber += 1 + breaks;
        return true;
    }

    private static int NextNewline(ReadOnlySpan<byte> data, out int breaks)
    {
        breaks = 0;
        return data.IndexOf((byte)'\n');
    }

    public async Task FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        // Grow only while one line is longer than the buffer; past endWithin the line is refused and skipped.
        if (_buffer.Length - _end < _readSize / 2) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = await _body.ReadAsync(_buffer.AsMemory(_end), ct);
        if (read == 0) { _ended = true; return; }
        _end += read;
        _bytesRead += read;
        // The server enforces the limit too (Kestrel's MaxRequestBodySize); this check holds on any host.
        if (_bytesRead > _maxBytes)
            throw new BadHttpRequestException(
                $"The body is larger than the {_limitName} limit of {_maxBytes} bytes ({_limitSetting}).",
                StatusCodes.Status413PayloadTooLarge);
    }
}
