using System.Buffers.Text;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ClaimTracker.Api.Infrastructure;

// An opaque page token: the sort keys of the last item served and a hash of the parameters that chose and ordered the
// items. The next page starts strictly after that position, so rows written between two pages neither shift nor repeat
// the rest. Not signed: a hand-made token can only name another position in the same ordering, which any caller may
// reach anyway; a token that does not read, or belongs to other parameters, is a 400 naming `pageToken`.
public sealed record PageToken(IReadOnlyList<string?> After, string Query)
{
    public static PageToken For(object query, params object?[] keys) =>
        new(keys.Select(Format).ToList(), Fingerprint(query));

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static PageToken? Decode(string? token)
    {
        try
        {
            return token is null ? null
                : JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(token)) is { After: not null, Query: not null } decoded ? decoded : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException) { return null; }
    }

    // The token's position read by the list it belongs to, or null when it is not a token of that query or does not read.
    public static T? Read<T>(string? token, object query, Func<PageToken, T> read) where T : class
    {
        if (Decode(token) is not { } decoded || decoded.Query != Fingerprint(query)) return null;
        try { return read(decoded); }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or OverflowException) { return null; }
    }

    public DateTimeOffset Time(int key) => DateTimeOffset.Parse(Required(key), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    public Guid Id(int key) => Guid.Parse(Required(key));
    public string Text(int key) => Required(key);
    public double? Number(int key) => After[key] is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : null;
    public long Integer(int key) => long.Parse(Required(key), CultureInfo.InvariantCulture);

    private string Required(int key) => key < After.Count && After[key] is { } value ? value : throw new FormatException("Missing key.");

    // Every query parameter except the paging ones, by name, so a token works only with the parameters it was made for.
    public static string Fingerprint(object query)
    {
        var parameters = query.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name is not (nameof(IPaged.Page) or nameof(IPaged.PageSize) or nameof(IKeysetPaged.PageToken)) && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={Format(p.GetValue(query))}");
        var canonical = query.GetType().FullName + "\n" + string.Join('\n', parameters);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

// Where the previous page ended in a list ordered by a time and then the id (audit, imports, questions, keys, runs).
public sealed record TimeIdPosition(DateTimeOffset At, Guid Id)
{
    public static TimeIdPosition Read(PageToken token) => new(token.Time(0), token.Id(1));
}
