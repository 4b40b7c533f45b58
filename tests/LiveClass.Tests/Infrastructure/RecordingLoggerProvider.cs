using LiveClass.Tests.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveClass.Tests.Infrastructure;

/// <summary>Keeps the messages the server logs under one category, for tests of what it logs.</summary>
public sealed class RecordingLoggerProvider(string category) : ILoggerProvider
{
    private readonly RecordingLogger<RecordingLoggerProvider> _recorder = new();

    public IReadOnlyList<string> Messages => _recorder.Entries.Select(entry => entry.Message).ToArray();

    public ILogger CreateLogger(string categoryName) => categoryName == category ? _recorder : NullLogger.Instance;

    public void Dispose()
    {
    }
}
