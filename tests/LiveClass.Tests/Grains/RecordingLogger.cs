using Microsoft.Extensions.Logging;

namespace LiveClass.Tests.Grains;

/// <summary>A logger that keeps what it is given, for tests that a failure nobody awaits is still reported.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<RecordedLog> _entries = [];

    public IReadOnlyList<RecordedLog> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            _entries.Add(new RecordedLog(logLevel, formatter(state, exception), exception));
        }
    }
}
