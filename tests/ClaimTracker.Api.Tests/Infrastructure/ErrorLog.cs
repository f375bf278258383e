using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Api.Tests.Infrastructure;

// The errors the API under test logged, with their exceptions: a 500 in a test says "it has been logged", and this is where.
public sealed class ErrorLog : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
