using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Api.Tests.Infrastructure;

// The errors the API under test logged, with their exceptions: a 500 in a test says "it has been logged", and this is where.
// With a lower level and a category prefix, the warnings of one component (EF Core's, in EfCoreWarningTests).
public sealed class ErrorLog(LogLevel minimum = LogLevel.Error, string categoryPrefix = "") : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    private LogLevel Minimum { get; } = minimum;

    private string CategoryPrefix { get; } = categoryPrefix;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= log.Minimum && logLevel != LogLevel.None && category.StartsWith(log.CategoryPrefix, StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Entries.Enqueue($"{category}: {formatter(state, exception)} {exception}{Caller()}");
        }

        // A warning has no exception to say where it came from (EF Core names no query): the API's frames on the stack.
        private string Caller() => log.Minimum >= LogLevel.Error ? "" : " at " + string.Join(" < ",
            new System.Diagnostics.StackTrace().GetFrames()
                .Select(f => f.GetMethod())
                .Where(m => m?.DeclaringType?.FullName?.StartsWith("ClaimTracker.Api.", StringComparison.Ordinal) == true
                    && m.DeclaringType.FullName?.StartsWith("ClaimTracker.Api.Tests", StringComparison.Ordinal) != true)
                .Select(m => $"{m!.DeclaringType!.FullName}.{m.Name}")
                .Distinct()
                .Take(4));
    }
}
