using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiveClass.Contracts;

namespace LiveClass.Grains.Observability;

/// <summary>
/// The "LiveClass" meter of one silo: classes active here by status, events committed and sent,
/// commit duration and fan-out latency. Hosts register it as a singleton; OpenTelemetry (or any
/// <see cref="MeterListener"/>) exports it by the meter's name. Grains take it as an optional
/// dependency, so a host without it (a test silo) simply records nothing.
/// </summary>
public sealed class LiveClassMetrics : IDisposable
{
    public const string MeterName = "LiveClass";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, ClassStatus> _classes = new(StringComparer.Ordinal);
    private readonly Counter<long> _eventsCommitted;
    private readonly Counter<long> _eventsSent;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _fanOutLatency;
    private readonly Counter<long> _closedTooSlow;
    private readonly Counter<long> _journalRecordsSwept;
    private int _outboxHighWater;
    private long _eventsSentTotal;

    public LiveClassMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableUpDownCounter("liveclass.classes", ClassesByStatus, "{class}",
            "Classes active on this silo, by status (status=Live are the live classes).");
        _eventsCommitted = _meter.CreateCounter<long>("liveclass.events.committed", "{event}",
            "Class events made durable by the class grains on this silo; its rate is events per second.");
        _eventsSent = _meter.CreateCounter<long>("liveclass.events.sent", "{event}",
            "Class events this silo's bridge sent to its local SignalR groups.");
        _commitDuration = _meter.CreateHistogram<double>("liveclass.commit.duration", "ms",
            "How long one (coalesced) write of a class's state took.");
        _fanOutLatency = _meter.CreateHistogram<double>("liveclass.fanout.latency", "ms",
            "From an event's timestamp to its hand-off to this silo's connections: the durable write plus the delivery to the bridge.");
        _meter.CreateObservableGauge("liveclass.outbox.depth.max", TakeOutboxHighWater, "{event}",
            "The most events any one connection on this silo had queued since the last collection (its high-water mark).");
        _closedTooSlow = _meter.CreateCounter<long>("liveclass.connections.closed_too_slow", "{connection}",
            "Connections this silo closed because they fell too far behind (bound=TooManyItems, TooManyBytes or TooOld).");
        _journalRecordsSwept = _meter.CreateCounter<long>("liveclass.journal.records_swept", "{record}",
            "Chunks and seals of journals no silo writes any more (a dead silo's) that this silo deleted (kind=chunk or seal).");
    }

    public Meter Meter => _meter;

    /// <summary>Class events this silo's bridge has sent since it started.</summary>
    public long EventsSent => Interlocked.Read(ref _eventsSentTotal);

    public void ClassActive(string classId, ClassStatus status) => _classes[classId] = status;

    public void ClassInactive(string classId) => _classes.TryRemove(classId, out _);

    public void Committed(int events, TimeSpan duration)
    {
        if (events > 0)
        {
            _eventsCommitted.Add(events);
        }

        _commitDuration.Record(duration.TotalMilliseconds);
    }

    public void Sent(ClassEvent evt, long nowMs)
    {
        _eventsSent.Add(1);
        Interlocked.Increment(ref _eventsSentTotal);
        _fanOutLatency.Record(Math.Max(0, nowMs - evt.At));
    }

    /// <summary>A connection's outbound queue holds <paramref name="depth"/> events.</summary>
    public void OutboxDepth(int depth)
    {
        var seen = Volatile.Read(ref _outboxHighWater);
        while (depth > seen)
        {
            var previous = Interlocked.CompareExchange(ref _outboxHighWater, depth, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public void ConnectionClosedTooSlow(string bound) =>
        _closedTooSlow.Add(1, new KeyValuePair<string, object?>("bound", bound));

    public void JournalSwept(int chunks, int seals)
    {
        _journalRecordsSwept.Add(chunks, new KeyValuePair<string, object?>("kind", "chunk"));
        _journalRecordsSwept.Add(seals, new KeyValuePair<string, object?>("kind", "seal"));
    }

    public void Dispose() => _meter.Dispose();

    private int TakeOutboxHighWater() => Interlocked.Exchange(ref _outboxHighWater, 0);

    private IEnumerable<Measurement<long>> ClassesByStatus()
    {
        var counts = new Dictionary<ClassStatus, long>();
        foreach (var status in _classes.Values)
        {
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        foreach (var status in Enum.GetValues<ClassStatus>())
        {
            yield return new Measurement<long>(counts.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", status.ToString()));
        }
    }
}
