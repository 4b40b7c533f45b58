using LiveClass.Contracts;
using Microsoft.Extensions.Logging;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// Delivers a class's committed events to every subscribed silo bridge. Each bridge has its own
/// cursor and at most one call in flight, so it receives events in seq order, while bridges are
/// served concurrently: a slow or dead silo holds up only itself. The event log is the queue: a
/// failed call is retried, with a growing pause, from the bridge's cursor (a bridge drops what it
/// already has), and a cursor only moves past events that were delivered. A bridge that names its
/// silo's sink gets its events through the <see cref="SiloEventBatcher"/>, in the same call as those
/// of every other class on this silo bound for that silo; to this silo's own bridge they count as
/// delivered once the batcher has them (<see cref="SiloEventBatcher.MaxHandedOver"/>).
/// </summary>
internal sealed partial class EventFanOut(
    string classId,
    EventFanOut.ReadEvents readAfter,
    int batchSize,
    ILogger logger,
    EventFanOut.RetryDelay? retryDelay = null,
    SiloEventBatcher? batcher = null)
{
    /// <summary>
    /// The events after a seq, at most <c>max</c>; when the log no longer reaches back that far, the
    /// oldest it holds (so the bridge sees the gap), or none. A list of the caller's own, never
    /// changed afterwards: it is handed on to the bridges as it is.
    /// </summary>
    public delegate IReadOnlyList<ClassEvent> ReadEvents(long afterSeq, int max);

    /// <summary>How long to wait before the given (1-based) retry of a failed delivery.</summary>
    public delegate TimeSpan RetryDelay(int failures);

    private readonly RetryDelay _retryDelay = retryDelay ?? DefaultRetryDelay;
    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private long _committedSeq;

    /// <summary>Starts from the state that is already durable, e.g. after the grain is activated.</summary>
    public void Reset(long committedSeq) => _committedSeq = committedSeq;

    /// <summary>Adds or renews a bridge and returns the seq its cursor is at.</summary>
    /// <param name="sink">The bridge's silo sink, when the bridge has one: deliveries are batched through it.</param>
    public long Subscribe(string siloId, IClassEventObserver observer, long? lastSeq, DateTimeOffset expiresAt, ISiloEventSink? sink = null)
    {
        if (!_subscribers.TryGetValue(siloId, out var subscriber) || !subscriber.Observer.Equals(observer))
        {
            subscriber?.Wake();
            subscriber = new Subscriber(siloId, observer) { Delivered = _committedSeq };
            _subscribers[siloId] = subscriber;
        }

        if (lastSeq is { } seq && seq < subscriber.Delivered && !subscriber.InFlight)
        {
            // The bridge missed events (e.g. this grain moved silos): resend from where it is.
            subscriber.Delivered = seq;
        }

        subscriber.ExpiresAt = expiresAt;
        subscriber.Sink = sink;
        subscriber.Wake();
        Pump(subscriber);
        return subscriber.Delivered;
    }

    public void Unsubscribe(string siloId)
    {
        if (_subscribers.Remove(siloId, out var subscriber))
        {
            subscriber.Wake();
        }
    }

    /// <summary>The silos subscribed now, delivering or not.</summary>
    public IReadOnlyCollection<string> SiloIds => _subscribers.Keys;

    /// <summary>Where a silo's cursor is, or null when it is not subscribed.</summary>
    public long? DeliveredTo(string siloId) => _subscribers.GetValueOrDefault(siloId)?.Delivered;

    /// <summary>Tells every bridge that this activation ends, so each subscribes again to the next one.</summary>
    public Task NotifyMovedAsync(TimeSpan timeout)
    {
        var notices = _subscribers.Values.Select(async subscriber =>
        {
            try
            {
                await subscriber.Observer.OnSessionMoved(classId).WaitAsync(timeout);
            }
            catch (Exception exception)
            {
                LogMoveNoticeFailed(logger, exception, classId, subscriber.SiloId);
            }
        });
        return Task.WhenAll(notices.ToArray());
    }

    /// <summary>Everything up to <paramref name="seq"/> is durable: send it.</summary>
    public void Committed(long seq)
    {
        _committedSeq = seq;
        foreach (var subscriber in _subscribers.Values)
        {
            Pump(subscriber);
        }
    }

    /// <summary>Drops bridges that stopped renewing and returns their silos.</summary>
    public IReadOnlyList<string> RemoveExpired(DateTimeOffset now)
    {
        var expired = _subscribers.Values.Where(s => s.ExpiresAt <= now).Select(s => s.SiloId).ToList();
        foreach (var siloId in expired)
        {
            Unsubscribe(siloId);
        }

        return expired;
    }

    private static TimeSpan DefaultRetryDelay(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures - 1, 10))));

    private void Pump(Subscriber subscriber)
    {
        if (!subscriber.Pumping && subscriber.Delivered < _committedSeq)
        {
            _ = PumpAsync(subscriber);
        }
    }

    private Task DeliverAsync(Subscriber subscriber, IReadOnlyList<ClassEvent> events) =>
        subscriber.Sink is { } sink && batcher is not null
            ? batcher.SendAsync(sink, classId, events)
            : subscriber.Observer.OnEvents(classId, events);

    /// <summary>The leading events that are durable; all of them, uncopied, in the usual case.</summary>
    private IReadOnlyList<ClassEvent> UpToCommitted(IReadOnlyList<ClassEvent> events)
    {
        var count = 0;
        while (count < events.Count && events[count].Seq <= _committedSeq)
        {
            count++;
        }

        return count == events.Count ? events : [.. events.Take(count)];
    }

    private bool IsCurrent(Subscriber subscriber) => _subscribers.GetValueOrDefault(subscriber.SiloId) == subscriber;

    private async Task PumpAsync(Subscriber subscriber)
    {
        subscriber.Pumping = true;
        try
        {
            while (subscriber.Delivered < _committedSeq && IsCurrent(subscriber))
            {
                var events = UpToCommitted(readAfter(subscriber.Delivered, batchSize));
                if (events.Count == 0)
                {
                    break;
                }

                if (events[0].Seq != subscriber.Delivered + 1)
                {
                    // The log has moved on past this bridge. It gets what the log holds and sees the
                    // gap: its connections that cannot be caught up are closed and rejoin by seq.
                    LogBehindLog(logger, classId, subscriber.SiloId, subscriber.Delivered, events[0].Seq);
                }

                subscriber.InFlight = true;
                try
                {
                    await DeliverAsync(subscriber, events);
                    subscriber.Delivered = Math.Max(subscriber.Delivered, events[^1].Seq);
                    subscriber.Failures = 0;
                }
                catch (Exception exception)
                {
                    // The silo may be busy or gone. Try again from the same cursor after a pause,
                    // until it succeeds, the bridge renews (which wakes this) or its subscription expires.
                    subscriber.Failures++;
                    LogDeliveryFailed(logger, exception, classId, subscriber.SiloId, subscriber.Failures);
                    subscriber.InFlight = false;
                    await subscriber.PauseAsync(_retryDelay(subscriber.Failures));
                }
                finally
                {
                    subscriber.InFlight = false;
                }
            }
        }
        finally
        {
            subscriber.Pumping = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering events of class {ClassId} to silo {SiloId} failed ({Failures} in a row); retrying from its cursor")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string classId, string siloId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: silo {SiloId} is at seq {Delivered} but the log now starts at {OldestSeq}; it gets the gap and rejoins its connections")]
    private static partial void LogBehindLog(ILogger logger, string classId, string siloId, long delivered, long oldestSeq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telling silo {SiloId} that class {ClassId} moves failed; it resubscribes on renewal")]
    private static partial void LogMoveNoticeFailed(ILogger logger, Exception exception, string classId, string siloId);

    private sealed class Subscriber(string siloId, IClassEventObserver observer)
    {
        private TaskCompletionSource? _wake;

        public string SiloId { get; } = siloId;
        public IClassEventObserver Observer { get; } = observer;
        public ISiloEventSink? Sink { get; set; }
        public long Delivered { get; set; }
        public bool Pumping { get; set; }

        /// <summary>A call to the bridge is outstanding; its cursor must not move under it.</summary>
        public bool InFlight { get; set; }

        public int Failures { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }

        /// <summary>Waits before a retry; a renewal or unsubscription cuts the wait short.</summary>
        public async Task PauseAsync(TimeSpan delay)
        {
            _wake = new TaskCompletionSource();
            await Task.WhenAny(Task.Delay(delay), _wake.Task);
            _wake = null;
        }

        public void Wake() => _wake?.TrySetResult();
    }
}
