using System.Collections.Concurrent;
using LiveClass.Bench.Measuring;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Bench.Load;

/// <summary>Counters every connection of one run writes to.</summary>
public sealed class RunMetrics
{
    private double _windowFrom = double.MaxValue;
    private double _windowTo = double.MaxValue;
    private long _liveMessages;
    private long _calls;
    private long _callFailures;
    private long _inFlight;
    private long _skipped;

    /// <summary>Delivery latency (<c>at</c> to receipt) of the events stamped inside the measurement window.</summary>
    public LatencyHistogram Delivery { get; } = new();

    /// <summary>The same, since the last progress line.</summary>
    public LatencyHistogram DeliveryRecent { get; } = new();

    /// <summary>
    /// Scenario 6, on healthy connections only: the delivery latency in the classes that have a
    /// stuck connection, and in the others, measured in the same window on the same server.
    /// </summary>
    public LatencyHistogram DeliveryBesideStuck { get; } = new();

    /// <inheritdoc cref="DeliveryBesideStuck"/>
    public LatencyHistogram DeliveryApartFromStuck { get; } = new();

    /// <summary>Whether any class of this run has a stuck connection, so that deliveries are also split by it.</summary>
    public bool SplitByStuck { get; set; }

    /// <summary>Round trip of the calls that change the class (the caller's wait for its <c>seq</c>), made inside the window.</summary>
    public LatencyHistogram Ack { get; } = new();

    public ConcurrentDictionary<string, long> CallErrors { get; } = new(StringComparer.Ordinal);
    public ConcurrentBag<RejoinSample> Rejoins { get; } = [];

    public long LiveMessages => Interlocked.Read(ref _liveMessages);
    public long Calls => Interlocked.Read(ref _calls);
    public long CallFailures => Interlocked.Read(ref _callFailures);
    public long InFlight => Interlocked.Read(ref _inFlight);
    public long Skipped => Interlocked.Read(ref _skipped);

    public void CountSkipped() => Interlocked.Increment(ref _skipped);

    public void OpenWindow(double fromMs) => Volatile.Write(ref _windowFrom, fromMs);

    public void CloseWindow(double toMs) => Volatile.Write(ref _windowTo, toMs);

    public void OnDelivered(double latencyMs, long at, bool besideStuck)
    {
        Interlocked.Increment(ref _liveMessages);
        if (at >= Volatile.Read(ref _windowFrom) && at < Volatile.Read(ref _windowTo))
        {
            Delivery.Record(latencyMs);
            DeliveryRecent.Record(latencyMs);
            if (SplitByStuck)
            {
                (besideStuck ? DeliveryBesideStuck : DeliveryApartFromStuck).Record(latencyMs);
            }
        }
    }

    public void CallStarted()
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _inFlight);
    }

    public void CallEnded(double startedAtMs, double ackMs, Exception? failure)
    {
        Interlocked.Decrement(ref _inFlight);
        if (failure is null)
        {
            if (startedAtMs >= Volatile.Read(ref _windowFrom) && startedAtMs < Volatile.Read(ref _windowTo))
            {
                Ack.Record(ackMs);
            }

            return;
        }

        Interlocked.Increment(ref _callFailures);
        CallErrors.AddOrUpdate(ErrorName(failure), 1, (_, n) => n + 1);
    }

    public void CountError(Exception failure) => CallErrors.AddOrUpdate(ErrorName(failure), 1, (_, n) => n + 1);

    /// <summary>A hub error's stable code (<c>rate_limited</c>, …), else the exception type.</summary>
    public static string ErrorName(Exception exception) => exception switch
    {
        HubException hub when hub.Message.IndexOf(':') is > 0 and var colon => hub.Message[..colon],
        AggregateException { InnerException: { } inner } => ErrorName(inner),
        _ => exception.GetType().Name,
    };
}

/// <summary>One participant back after a drop: how long it took and how much it had missed.</summary>
public sealed record RejoinSample(double TotalMs, double ConnectMs, double CallMs, long Missed, bool Snapshot, bool Ok);
