using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Grains.Observability;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveClass.Server.Realtime;

/// <summary>
/// One class's events on this silo, and the connections here that receive them. The silo's bridge
/// hands it the class's share of each batch from the class's silo; it is also the class's grain
/// observer for this silo (told when the class moves, and called directly by class grains of an
/// earlier version). It only queues: each event is serialized once and handed
/// to every member's outbox, and nothing here waits on a connection. Events go out strictly in
/// seq order: after a gap the feed catches up from the class log, or, if the log no longer has
/// the missing events, closes its connections so that they rejoin; it never skips ahead.
/// </summary>
public sealed partial class ClassFeed : IClassEventObserver
{
    private readonly IClassSessionGrain _session;
    private readonly Action<ClassFeed> _onMoved;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LiveClassMetrics? _metrics;
    private readonly Lock _lock = new();
    private readonly FeedMembers _members;
    private readonly SortedDictionary<long, ClassEvent> _early = [];
    private long _lastSeq;
    private bool _catchingUp;

    public ClassFeed(string classId, IClassSessionGrain session, Action<ClassFeed> onMoved, int maxHeld, TimeProvider time, ILogger logger, LiveClassMetrics? metrics)
    {
        ClassId = classId;
        _session = session;
        _onMoved = onMoved;
        _members = new FeedMembers(maxHeld);
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    public string ClassId { get; }

    /// <summary>This feed as an Orleans object reference, which the class grain delivers to.</summary>
    public IClassEventObserver? Reference { get; set; }

    public SemaphoreSlim SubscribeGate { get; } = new(1, 1);

    public bool Subscribed { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>The last seq handed to the members, in order.</summary>
    public long LastSeq
    {
        get
        {
            lock (_lock)
            {
                return _lastSeq;
            }
        }
    }

    public int MemberCount
    {
        get
        {
            lock (_lock)
            {
                return _members.Count;
            }
        }
    }

    /// <summary>Starts a fresh feed where the grain's cursor is; an older cursor never moves it back.</summary>
    public void AdvanceTo(long seq)
    {
        lock (_lock)
        {
            if (_lastSeq == 0)
            {
                _lastSeq = seq;
            }
        }
    }

    /// <summary>
    /// A connection is joining: from now on it is sent nothing, but the events are held for it, so
    /// that it misses none between the join's answer and its first live event. Nothing happens if
    /// the connection is already a member.
    /// </summary>
    public void BeginJoin(ConnectionOutbox outbox)
    {
        lock (_lock)
        {
            _members.BeginJoin(outbox);
        }
    }

    /// <summary>The join failed: a connection that was only joining gets nothing, not even what was held.</summary>
    public void AbandonJoin(string connectionId)
    {
        lock (_lock)
        {
            _members.AbandonJoin(connectionId);
        }
    }

    /// <summary>The join succeeded: the held events go out, then every live one, for this participant.</summary>
    public void Activate(ConnectionOutbox outbox, string participantId)
    {
        lock (_lock)
        {
            _members.Activate(outbox, participantId);
        }
    }

    public void Leave(string connectionId)
    {
        lock (_lock)
        {
            _members.Leave(connectionId);
        }
    }

    public Task OnEvents(string classId, IReadOnlyList<ClassEvent> events)
    {
        var catchUp = false;
        lock (_lock)
        {
            // Indexed, not foreach: an interface enumerator per call is garbage on the hottest path.
            for (var i = 0; i < events.Count; i++)
            {
                var evt = events[i];
                if (evt.Seq <= _lastSeq)
                {
                    // Delivered already (a resend after a failed call, or a catch-up got there first).
                    continue;
                }

                if (_catchingUp || (_lastSeq > 0 && evt.Seq != _lastSeq + 1))
                {
                    _early[evt.Seq] = evt;
                    catchUp |= !_catchingUp;
                    _catchingUp = true;
                    continue;
                }

                Deliver(evt);
            }
        }

        if (catchUp)
        {
            _ = CatchUpAsync();
        }

        return Task.CompletedTask;
    }

    public Task OnSessionMoved(string classId)
    {
        _onMoved(this);
        return Task.CompletedTask;
    }

    /// <summary>Fills a gap from the class log, in order; closes the members if the log no longer has it.</summary>
    private async Task CatchUpAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            long after;
            lock (_lock)
            {
                after = _lastSeq;
            }

            LogGap(_logger, ClassId, after);
            IReadOnlyList<ClassEvent>? missing;
            try
            {
                missing = await _session.GetEventsAfter(after);
            }
            catch (Exception exception)
            {
                LogCatchUpFailed(_logger, exception, ClassId, attempt);
                if (attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), _time);
                    continue;
                }

                missing = null;
            }

            lock (_lock)
            {
                var before = _lastSeq;
                DeliverInOrder(missing ?? []);
                DeliverEarly();
                if (_early.Count == 0)
                {
                    _catchingUp = false;
                    return;
                }

                if (_lastSeq == before)
                {
                    // The log no longer reaches back to this feed: no connection here may see the gap.
                    var resumeAt = missing?.FirstOrDefault(e => e.Seq > _lastSeq)?.Seq ?? _early.Keys.First();
                    LogLost(_logger, ClassId, _lastSeq, resumeAt);
                    _members.CloseAll($"{CloseReasons.Unavailable}: this server missed events of the class; reconnect and rejoin by seq");
                    _lastSeq = resumeAt - 1;
                    DeliverInOrder(missing ?? []);
                    DeliverEarly();
                    if (_early.Count == 0)
                    {
                        _catchingUp = false;
                        return;
                    }
                }
            }
        }
    }

    private void DeliverInOrder(IReadOnlyList<ClassEvent> events)
    {
        foreach (var evt in events)
        {
            if (evt.Seq <= _lastSeq)
            {
                continue;
            }

            if (evt.Seq != _lastSeq + 1)
            {
                return;
            }

            Deliver(evt);
        }
    }

    private void DeliverEarly()
    {
        foreach (var seq in _early.Keys.Where(seq => seq <= _lastSeq).ToList())
        {
            _early.Remove(seq);
        }

        while (_early.Remove(_lastSeq + 1, out var next))
        {
            Deliver(next);
        }
    }

    /// <summary>Serializes the event once and hands it to every member; never waits.</summary>
    private void Deliver(ClassEvent evt)
    {
        _members.Send(evt, new SerializedHubMessage(new InvocationMessage(nameof(IClassClient.ClassEvent), [evt])));
        _lastSeq = evt.Seq;
        _metrics?.Sent(evt, _time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId} events arrived after a gap (last seq {LastSeq}); catching up from the class log")]
    private static partial void LogGap(ILogger logger, string classId, long lastSeq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up class {ClassId} from its log failed (attempt {Attempt})")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string classId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId}: events after seq {LastSeq} up to {NextSeq} are no longer in its log; closing its connections on this silo so they rejoin")]
    private static partial void LogLost(ILogger logger, string classId, long lastSeq, long nextSeq);
}
