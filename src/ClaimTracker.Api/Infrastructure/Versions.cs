using FluentValidation;

namespace ClaimTracker.Api.Infrastructure;

// Optimistic concurrency: the client sends the version it read. A mismatch now is a 409; a change that
// lands between this check and the save is caught by the version column's concurrency token (also 409).
public static class Versions
{
    public static void Expect(int current, int expected, string what)
    {
        if (current != expected)
            throw new StaleVersionException(
                $"The {what} is at version {current}, not {expected}: it changed since you read it. Read it again and retry.");
    }

    public static void AddVersionRule<T>(this AbstractValidator<T> validator, Func<T, int?> version, string what) =>
        validator.RuleFor(x => version(x)).NotNull().OverridePropertyName("version")
            .WithMessage($"'version' (or an If-Match header with the ETag) is the {what} version you read; it guards against lost updates.");
}
