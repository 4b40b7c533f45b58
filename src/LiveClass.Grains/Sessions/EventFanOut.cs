using LiveClass.Contracts;
using Microsoft.Extensions.Logging;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// Delivers a class's committed events to every subscribed silo bridge. Each bridge has its own
/// cursor and at most one call in flight, so it receives events in seq order, while bridges are
/// served concurrently: a slow or dead silo holds up only itself. The event log is the queue.
/// </summary>
internal sealed partial class EventFanOut(
    string classId,
    EventFanOut.ReadEvents readAfter,
    int batchSize,
    ILogger logger)
{
    public delegate IReadOnlyList<ClassEvent> ReadEvents(long afterSeq, int max);

    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private long _committedSeq;

    public int Count => _subscribers.Count;

    /// <summary>Starts from the state that is already durable, e.g. after the grain is activated.</summary>
    public void Reset(long committedSeq) => _committedSeq = committedSeq;

    /// <summary>Adds or renews a bridge and returns the seq its cursor is at.</summary>
    public long Subscribe(string siloId, IClassEventObserver observer, long? lastSeq, DateTimeOffset expiresAt)
    {
        if (!_subscribers.TryGetValue(siloId, out var subscriber) || !subscriber.Observer.Equals(observer))
        {
            subscriber = new Subscriber(siloId, observer) { Delivered = _committedSeq };
            _subscribers[siloId] = subscriber;
        }

        if (lastSeq is { } seq && seq < subscriber.Delivered && !subscriber.Pumping)
        {
            // The bridge missed events (e.g. this grain moved silos): resend from where it is.
            subscriber.Delivered = seq;
        }

        subscriber.ExpiresAt = expiresAt;
        subscriber.Faulted = false;
        Pump(subscriber);
        return subscriber.Delivered;
    }

    public void Unsubscribe(string siloId) => _subscribers.Remove(siloId);

    /// <summary>The silos subscribed now, delivering or not.</summary>
    public IReadOnlyCollection<string> SiloIds => _subscribers.Keys;

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
            _subscribers.Remove(siloId);
        }

        return expired;
    }

    private void Pump(Subscriber subscriber)
    {
        if (!subscriber.Pumping && !subscriber.Faulted && subscriber.Delivered < _committedSeq)
        {
            _ = PumpAsync(subscriber);
        }
    }

    private async Task PumpAsync(Subscriber subscriber)
    {
        subscriber.Pumping = true;
        try
        {
            while (subscriber.Delivered < _committedSeq && _subscribers.GetValueOrDefault(subscriber.SiloId) == subscriber)
            {
                var events = readAfter(subscriber.Delivered, batchSize)
                    .TakeWhile(e => e.Seq <= _committedSeq)
                    .ToArray();
                if (events.Length == 0)
                {
                    // The bridge is further behind than the log reaches; its clients will see the gap and rejoin.
                    subscriber.Delivered = _committedSeq;
                    break;
                }

                await subscriber.Observer.OnEvents(classId, events);
                subscriber.Delivered = events[^1].Seq;
            }
        }
        catch (Exception exception)
        {
            // The silo may be gone. Nothing more is sent to it; if it lives, it renews with its last
            // seq and resumes from there; if not, its subscription expires (or its silo is declared
            // dead) and its connections' families go offline with it.
            LogDeliveryFailed(logger, exception, classId, subscriber.SiloId);
            subscriber.Faulted = true;
        }
        finally
        {
            subscriber.Pumping = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering events of class {ClassId} to silo {SiloId} failed; holding its events until it renews")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string classId, string siloId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telling silo {SiloId} that class {ClassId} moves failed; it resubscribes on renewal")]
    private static partial void LogMoveNoticeFailed(ILogger logger, Exception exception, string classId, string siloId);

    private sealed class Subscriber(string siloId, IClassEventObserver observer)
    {
        public string SiloId { get; } = siloId;
        public IClassEventObserver Observer { get; } = observer;
        public long Delivered { get; set; }
        public bool Pumping { get; set; }

        /// <summary>A delivery failed: nothing is sent until the bridge renews.</summary>
        public bool Faulted { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
    }
}
