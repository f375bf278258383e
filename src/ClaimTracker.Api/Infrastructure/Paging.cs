using FluentValidation;

namespace ClaimTracker.Api.Infrastructure;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public interface IPaged
{
    int? Page { get; }
    int? PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static int PageNumber(this IPaged query) => query.Page ?? 1;
    public static int Size(this IPaged query) => query.PageSize ?? DefaultPageSize;
    public static int Skip(this IPaged query) => (query.PageNumber() - 1) * query.Size();

    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPaged
    {
        validator.RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000).When(q => q.Page is not null);
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).When(q => q.PageSize is not null);
    }

    public static void AddSortRule<T>(this AbstractValidator<T> validator, Func<T, string?> sort, params string[] allowed)
    {
        var choices = allowed.SelectMany(a => new[] { a, "-" + a }).ToArray();
        validator.RuleFor(q => sort(q)).Must(s => s is null || choices.Contains(s))
            .OverridePropertyName("sort")
            .WithMessage($"'sort' is one of {string.Join(", ", choices)} ('-' sorts descending).");
    }
}
