using System.Collections.Concurrent;
using LiveClass.Contracts;

namespace LiveClass.Testing;

/// <summary>How late events reach their clients: from each event's server timestamp to its arrival, in milliseconds.</summary>
public sealed class EventLatencies
{
    private readonly ConcurrentQueue<double> _latencies = new();

    public int Count => _latencies.Count;

    /// <summary>Records one event as it arrives.</summary>
    public void Arrived(ClassEvent evt) => _latencies.Enqueue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - evt.At);

    /// <summary>Forgets what was measured so far, to start a new round.</summary>
    public void Clear() => _latencies.Clear();

    /// <summary>The 99th percentile of what was measured since the last <see cref="Clear"/>.</summary>
    public double P99()
    {
        var sorted = _latencies.Order().ToArray();
        return sorted.Length == 0
            ? throw new InvalidOperationException("no event arrived in this round")
            : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)];
    }
}
