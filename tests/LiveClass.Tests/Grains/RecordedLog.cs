using Microsoft.Extensions.Logging;

namespace LiveClass.Tests.Grains;

/// <summary>One entry a <see cref="RecordingLogger{T}"/> kept.</summary>
internal sealed record RecordedLog(LogLevel Level, string Message, Exception? Exception);
