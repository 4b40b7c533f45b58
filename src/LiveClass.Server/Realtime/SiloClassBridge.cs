using System.Collections.Concurrent;
using LiveClass.Grains;
using LiveClass.Grains.Observability;
using LiveClass.Grains.Sessions;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Realtime;

/// <summary>
/// This silo's bridge between the class grains and its SignalR connections. It keeps one
/// <see cref="ClassFeed"/> per class with connections here (its subscription, its members and
/// their order of events), and reports this silo's connections per family for presence. It is
/// also the silo's <see cref="ISiloEventSink"/>: another silo's class grains send their events for
/// this silo through it together, and it hands each class's share to that class's feed.
/// </summary>
public sealed partial class SiloClassBridge(
    IGrainFactory grains,
    LocalConnections connections,
    ILocalSiloDetails silo,
    SiloEventBatcher batcher,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<SiloClassBridge> logger,
    LiveClassMetrics? metrics = null) : ISiloEventSink
{
    private readonly ConcurrentDictionary<string, ClassFeed> _feeds = new(StringComparer.Ordinal);
    private readonly Lock _sinkLock = new();
    private ISiloEventSink? _sink;

    public string SiloId { get; } = silo.SiloAddress.ToParsableString();

    /// <summary>Makes sure this silo receives the class's events before a connection starts joining it.</summary>
    public async Task EnsureSubscribedAsync(string classId)
    {
        var feed = _feeds.GetOrAdd(classId, NewFeed);
        feed.LastUsed = time.GetUtcNow();
        if (feed.Subscribed)
        {
            return;
        }

        await feed.SubscribeGate.WaitAsync();
        try
        {
            if (!feed.Subscribed)
            {
                var from = await Session(classId).SubscribeBatched(SiloId, feed.Reference!, Sink, null, connections.CountsFor(classId));
                feed.AdvanceTo(from);
                feed.Subscribed = true;
            }
        }
        catch when (!feed.Subscribed && !connections.HasClass(classId))
        {
            // E.g. no such class: keep no feed for it.
            if (_feeds.TryRemove(KeyValuePair.Create(classId, feed)))
            {
                Release(feed);
            }

            throw;
        }
        finally
        {
            feed.SubscribeGate.Release();
        }
    }

    /// <summary>A connection starts joining the class: it is sent nothing until <see cref="CompleteJoin"/>, but misses nothing either.</summary>
    public void BeginJoin(string classId, ConnectionOutbox outbox) => Feed(classId)?.BeginJoin(outbox);

    /// <summary>The join failed: a connection that was not already in the class gets nothing from it.</summary>
    public void AbandonJoin(string classId, string connectionId) => Feed(classId)?.AbandonJoin(connectionId);

    /// <summary>The connection now acts for this participant of the class and receives its events.</summary>
    public void CompleteJoin(string classId, ConnectionOutbox outbox, string participantId) =>
        Feed(classId)?.Activate(outbox, participantId);

    /// <summary>The connection no longer receives the class's events.</summary>
    public void Leave(string classId, string connectionId) => Feed(classId)?.Leave(connectionId);

    /// <summary>Events from another silo's class grains, for the feeds here; a class with no feed here any more has no one to get them.</summary>
    public Task OnEvents(IReadOnlyList<ClassEventDelivery> deliveries)
    {
        for (var i = 0; i < deliveries.Count; i++)
        {
            var delivery = deliveries[i];
            Feed(delivery.ClassId)?.OnEvents(delivery.ClassId, delivery.Events);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// This silo's sink as the class grains call it; one reference for the bridge's life. This
    /// silo's own class grains hand their events to the bridge directly, through the batcher.
    /// </summary>
    internal ISiloEventSink Sink
    {
        get
        {
            lock (_sinkLock)
            {
                if (_sink is null)
                {
                    _sink = grains.CreateObjectReference<ISiloEventSink>(this);
                    batcher.AddInProcessSink(_sink, this);
                }

                return _sink;
            }
        }
    }

    private ClassFeed? Feed(string classId) => _feeds.GetValueOrDefault(classId);

    private ClassFeed NewFeed(string classId)
    {
        var feed = new ClassFeed(classId, Session(classId), OnSessionMoved, delivery.Value.MaxQueuedEvents, time, logger, metrics);
        feed.Reference = grains.CreateObjectReference<IClassEventObserver>(feed);
        return feed;
    }

    private void Release(ClassFeed feed) => grains.DeleteObjectReference<IClassEventObserver>(feed.Reference!);

    /// <summary>
    /// The class's activation ends: subscribe to the next one from this silo's last seq. Not awaited
    /// here, since the old activation waits for this answer before it can make way for the next.
    /// </summary>
    private void OnSessionMoved(ClassFeed feed)
    {
        if (_feeds.TryGetValue(feed.ClassId, out var current) && current == feed)
        {
            _ = ResubscribeAsync(feed);
        }
    }

    /// <summary>
    /// Tells the class how many connections this silo now holds for one family. It never fails the
    /// call that changed the count: that join or leave has happened, and an error would have the
    /// client repeat it. A report that does not arrive is made by the next renewal, which sends
    /// every count of the class.
    /// </summary>
    public async Task ReportPresenceAsync(string classId, string participantId)
    {
        try
        {
            await Session(classId).ReportPresence(SiloId, participantId, connections.CountFor(classId, participantId));
        }
        catch (Exception exception)
        {
            LogPresenceReportFailed(logger, exception, classId, participantId);
        }
    }

    /// <summary>
    /// Renews the subscription of every class with connections here, re-reporting their counts,
    /// and lets go of classes that have had none for a whole period.
    /// </summary>
    public async Task RenewAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var renewals = new List<Task>();
        foreach (var feed in _feeds.Values)
        {
            if (connections.HasClass(feed.ClassId) || now - feed.LastUsed < period)
            {
                renewals.Add(RenewAsync(feed));
            }
            else if (_feeds.TryRemove(KeyValuePair.Create(feed.ClassId, feed)))
            {
                Release(feed);
                renewals.Add(Session(feed.ClassId).Unsubscribe(SiloId));
            }
        }

        try
        {
            await Task.WhenAll(renewals).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRenewalFailed(logger, exception);
        }
    }

    /// <summary>Tells every class this silo is leaving, so its families can reconnect elsewhere without waiting for expiry.</summary>
    public async Task UnsubscribeAllAsync()
    {
        var classIds = _feeds.Keys.ToArray();
        foreach (var feed in _feeds.Values)
        {
            Release(feed);
        }

        _feeds.Clear();
        try
        {
            await Task.WhenAll(classIds.Select(classId => Session(classId).Unsubscribe(SiloId)));
        }
        catch (Exception exception)
        {
            // Those classes drop this silo when its subscription expires instead.
            LogUnsubscribeFailed(logger, exception);
        }
    }

    private async Task ResubscribeAsync(ClassFeed feed)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            // Give the old activation time to finish deactivating; the call then reaches the new one.
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            if (!_feeds.TryGetValue(feed.ClassId, out var current) || current != feed)
            {
                return;
            }

            try
            {
                await RenewAsync(feed);
                return;
            }
            catch (Exception exception)
            {
                LogResubscribeFailed(logger, exception, feed.ClassId, attempt);
            }
        }
    }

    private async Task RenewAsync(ClassFeed feed)
    {
        var from = await Session(feed.ClassId).SubscribeBatched(SiloId, feed.Reference!, Sink, feed.LastSeq, connections.CountsFor(feed.ClassId));
        feed.AdvanceTo(from);
        feed.Subscribed = true;
    }

    private IClassSessionGrain Session(string classId) => grains.GetGrain<IClassSessionGrain>(classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing class subscriptions failed; retrying next period")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribing again to moved class {ClassId} failed (attempt {Attempt}); the next renewal retries")]
    private static partial void LogResubscribeFailed(ILogger logger, Exception exception, string classId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting the connections of {ParticipantId} in class {ClassId} failed; the next renewal reports them")]
    private static partial void LogPresenceReportFailed(ILogger logger, Exception exception, string classId, string participantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing this silo from its classes on shutdown failed; they drop it on expiry")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
