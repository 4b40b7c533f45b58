using LiveClass.Contracts;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// The silo bridges' side of a class: their subscriptions to its events, the connections they
/// report for presence, and the housekeeping that drops a bridge whose silo has gone.
/// </summary>
public sealed partial class ClassSessionGrain
{
    public async Task ReportPresence(string siloId, string participantId, int connections)
    {
        RequireUsable();
        ParseSilo(siloId);
        var connected = _presence.Report(siloId, participantId, connections, Now);
        EnsurePresenceTimer();
        if (connected)
        {
            _session.SetPresence(participantId, online: true);
            await DurableAsync();
        }
    }

    public Task<long> Subscribe(string siloId, IClassEventObserver observer, long? lastSeq, IReadOnlyDictionary<string, int> connections) =>
        SubscribeAsync(siloId, observer, sink: null, lastSeq, connections);

    public Task<long> SubscribeBatched(string siloId, IClassEventObserver observer, ISiloEventSink sink, long? lastSeq, IReadOnlyDictionary<string, int> connections) =>
        SubscribeAsync(siloId, observer, sink, lastSeq, connections);

    private async Task<long> SubscribeAsync(string siloId, IClassEventObserver observer, ISiloEventSink? sink, long? lastSeq, IReadOnlyDictionary<string, int> connections)
    {
        RequireCreated();
        ParseSilo(siloId);
        var delivered = _fanOut.Subscribe(siloId, observer, lastSeq, _time.GetUtcNow() + _realtime.BridgeSubscriptionLifetime, sink);
        var connected = _presence.ReplaceSilo(siloId, connections, Now);
        EnsurePresenceTimer();
        foreach (var participantId in connected)
        {
            _session.SetPresence(participantId, online: true);
        }

        await DurableAsync();
        return delivered;
    }

    public Task<IReadOnlyList<ClassEvent>?> GetEventsAfter(long afterSeq)
    {
        RequireCreated();
        IReadOnlyList<ClassEvent>? events = _session.TryGetEventsAfter(afterSeq, _realtime.FanOutBatchSize, out var logged)
            ? logged.TakeWhile(e => e.Seq <= _durableSeq).ToArray()
            : null;
        return Task.FromResult(events);
    }

    public Task Unsubscribe(string siloId)
    {
        _fanOut.Unsubscribe(siloId);
        _presence.DropSilo(siloId, Now);
        EnsurePresenceTimer();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The events after <paramref name="afterSeq"/>; when the log no longer reaches back that far,
    /// the oldest it holds, so the bridge sees the gap and deals with it.
    /// </summary>
    private IReadOnlyList<ClassEvent> ReadCommittedEvents(long afterSeq, int max)
    {
        if (_session.TryGetEventsAfter(afterSeq, max, out var events))
        {
            return events;
        }

        return _store.OldestSeq is { } oldest && oldest - 1 > afterSeq && _session.TryGetEventsAfter(oldest - 1, max, out var oldestEvents)
            ? oldestEvents
            : [];
    }

    private async Task OnHousekeepingAsync(CancellationToken cancellationToken)
    {
        if (_broken || !_session.IsCreated)
        {
            return;
        }

        foreach (var siloId in _fanOut.RemoveExpired(_time.GetUtcNow()))
        {
            _presence.DropSilo(siloId, Now);
        }

        // A silo the cluster has declared dead will never renew: drop it now, not at expiry.
        foreach (var siloId in DeadSilos())
        {
            _fanOut.Unsubscribe(siloId);
            _presence.DropSilo(siloId, Now);
        }

        EnsurePresenceTimer();
        _session.EndIfIdle();
        await DurableAsync();
        await CheckpointIfDueAsync();
    }

    private async Task OnPresenceTimerAsync(CancellationToken cancellationToken)
    {
        if (_broken)
        {
            return;
        }

        foreach (var participantId in _presence.TakeDueOffline(Now))
        {
            _session.SetPresence(participantId, online: false);
        }

        if (!_presence.HasPendingOffline)
        {
            _presenceTimer?.Dispose();
            _presenceTimer = null;
        }

        await DurableAsync();
    }

    /// <summary>Runs a fine-grained timer only while someone is waiting to go offline.</summary>
    private void EnsurePresenceTimer()
    {
        if (_presenceTimer is null && _presence.HasPendingOffline)
        {
            var tick = TimeSpan.FromMilliseconds(Math.Clamp(_realtime.PresenceGracePeriod.TotalMilliseconds / 10, 100, 1000));
            _presenceTimer = this.RegisterGrainTimer(OnPresenceTimerAsync, new GrainTimerCreationOptions
            {
                DueTime = tick,
                Period = tick,
                Interleave = true,
            });
        }
    }

    private List<string> DeadSilos()
    {
        var dead = new List<string>();
        var snapshot = _membership.CurrentSnapshot;
        foreach (var siloId in _fanOut.SiloIds.Union(_presence.Silos))
        {
            if (snapshot.GetSiloStatus(ParseSilo(siloId)) == SiloStatus.Dead)
            {
                dead.Add(siloId);
            }
        }

        return dead;
    }

    /// <summary>A silo id is its bridge's <see cref="SiloAddress.ToParsableString"/>; anything else is the caller's mistake.</summary>
    private static SiloAddress ParseSilo(string siloId)
    {
        try
        {
            return SiloAddress.FromParsableString(siloId);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new ArgumentException($"'{siloId}' is not a silo address", nameof(siloId), exception);
        }
    }
}
