using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Infrastructure;

// Page is null when the page was reached by token. Total is exact up to Paging.CountLimit matching items; beyond it,
// Total is CountLimit and TotalIsEstimate is true ("at least this many"): counting every match would cost what paging saves.
public sealed record PagedList<T>(
    IReadOnlyList<T> Items, int? Page, int PageSize, int Total, bool TotalIsEstimate = false, string? NextPageToken = null);

public interface IPaged
{
    int? Page { get; }
    int? PageSize { get; }
}

// A list paged by keyset: nextPageToken of one page is pageToken of the next.
public interface IKeysetPaged : IPaged
{
    string? PageToken { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    // Offsets make the database read and discard every skipped row, so page × pageSize may not pass this; tokens go on.
    public const int MaxOffsetItems = 10_000;
    public const int CountLimit = 10_000;

    public static int PageNumber(this IPaged query) => query.Page ?? 1;
    public static int Size(this IPaged query) => query.PageSize ?? DefaultPageSize;
    public static int Skip(this IPaged query) => (query.PageNumber() - 1) * query.Size();

    // page stays for small offsets (page × pageSize ≤ MaxOffsetItems); pageToken must be a token of this very query.
    public static void AddKeysetPagingRules<T, TPosition>(this AbstractValidator<T> validator, Func<T, PageToken, TPosition> read)
        where T : IKeysetPaged where TPosition : class
    {
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).When(q => q.PageSize is not null);
        validator.RuleFor(q => q.Page).Must((q, page) => (long)page!.Value * q.Size() <= MaxOffsetItems).When(q => q.Page is >= 1)
            .WithMessage($"'page' × 'pageSize' is at most {MaxOffsetItems}: to read further, pass each answer's 'nextPageToken' as 'pageToken'.");
        validator.RuleFor(q => q.Page).GreaterThanOrEqualTo(1).When(q => q.Page is not null);
        validator.RuleFor(q => q.Page).Null().When(q => q.PageToken is not null)
            .WithMessage("'page' and 'pageToken' exclude each other: a token already says where the page starts.");
        validator.RuleFor(q => q.PageToken).Must((q, token) => PageToken.Read(token, q, t => read(q, t)) is not null).When(q => q.PageToken is not null)
            .WithMessage("'pageToken' is not a token of this query: pass the nextPageToken of the previous page with the same parameters.");
    }

    // Counts matching rows up to CountLimit + 1 (pass the query before ordering, or the database sorts to count).
    public static async Task<(int Total, bool IsEstimate)> CountUpToLimitAsync<T>(this IQueryable<T> rows, CancellationToken ct)
    {
        var counted = await rows.Take(CountLimit + 1).CountAsync(ct);
        return counted > CountLimit ? (CountLimit, true) : (counted, false);
    }

    // The page after the token's position, or the offset page; one extra row says whether another page follows.
    public static IQueryable<T> PageOf<T>(this IQueryable<T> ordered, IKeysetPaged query) =>
        (query.PageToken is null ? ordered.Skip(query.Skip()) : ordered).Take(query.Size() + 1);

    public static PagedList<T> ToPagedList<T>(this IReadOnlyList<T> rows, IKeysetPaged query, (int Total, bool IsEstimate) count, Func<T, PageToken> tokenAfter)
    {
        var size = query.Size();
        var items = rows.Take(size).ToList();
        var next = rows.Count > size ? tokenAfter(items[^1]).Encode() : null;
        return new PagedList<T>(items, query.PageToken is null ? query.PageNumber() : null, size, count.Total, count.IsEstimate, next);
    }

    public static void AddSortRule<T>(this AbstractValidator<T> validator, Func<T, string?> sort, params string[] allowed)
    {
        var choices = allowed.SelectMany(a => new[] { a, "-" + a }).ToArray();
        validator.RuleFor(q => sort(q)).Must(s => s is null || choices.Contains(s))
            .OverridePropertyName("sort")
            .WithMessage($"'sort' is one of {string.Join(", ", choices)} ('-' sorts descending).");
    }
}
