namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>A hub call the server answered with an error: which, its message, and when (a Stopwatch timestamp).</summary>
internal sealed record FailedCall(string Method, string Message, long At);
