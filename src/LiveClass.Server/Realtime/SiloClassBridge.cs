using System.Collections.Concurrent;
using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Grains.Observability;
using Microsoft.AspNetCore.SignalR;
using Orleans.Runtime;

namespace LiveClass.Server.Realtime;

/// <summary>
/// This silo's bridge between the class grains and its SignalR connections. It subscribes to
/// every class that has connections here, sends each class's events to that class's local group
/// in seq order, and reports this silo's connections per family for presence.
/// </summary>
public sealed partial class SiloClassBridge(
    IGrainFactory grains,
    IHubContext<ClassHub> hub,
    LocalConnections connections,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<SiloClassBridge> logger,
    LiveClassMetrics? metrics = null) : IClassEventObserver
{
    private readonly ConcurrentDictionary<string, ClassFeed> _feeds = new(StringComparer.Ordinal);
    private IClassEventObserver? _self;

    public string SiloId { get; } = silo.SiloAddress.ToParsableString();

    private IClassEventObserver Self => _self ??= grains.CreateObjectReference<IClassEventObserver>(this);

    /// <summary>Makes sure this silo receives the class's events before a connection is added to its group.</summary>
    public async Task EnsureSubscribedAsync(string classId)
    {
        var feed = _feeds.GetOrAdd(classId, static id => new ClassFeed(id));
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
                var from = await Session(classId).Subscribe(SiloId, Self, null, connections.CountsFor(classId));
                feed.AdvanceTo(from);
                feed.Subscribed = true;
            }
        }
        catch when (!feed.Subscribed && !connections.HasClass(classId))
        {
            // E.g. no such class: keep no feed for it.
            _feeds.TryRemove(KeyValuePair.Create(classId, feed));
            throw;
        }
        finally
        {
            feed.SubscribeGate.Release();
        }
    }

    public async Task OnEvents(string classId, IReadOnlyList<ClassEvent> events)
    {
        if (!_feeds.TryGetValue(classId, out var feed))
        {
            return;
        }

        await feed.SendGate.WaitAsync();
        try
        {
            foreach (var evt in events)
            {
                if (evt.Seq <= feed.LastSeq)
                {
                    continue;
                }

                if (evt.Seq != feed.LastSeq + 1 && feed.LastSeq > 0)
                {
                    LogGap(logger, classId, feed.LastSeq, evt.Seq);
                }

                await hub.Clients.Group(classId).SendAsync(HubNames.ClassEventMethod, evt);
                feed.LastSeq = evt.Seq;
                metrics?.Sent(evt, time.GetUtcNow().ToUnixTimeMilliseconds());

                if (evt.Kind == ClassEventKind.ParticipantRemoved && evt.ParticipantId is { } removed)
                {
                    // The family got its ParticipantRemoved; from now on it gets nothing more.
                    foreach (var connectionId in connections.ConnectionsOf(classId, removed))
                    {
                        await hub.Groups.RemoveFromGroupAsync(connectionId, classId);
                    }
                }
            }
        }
        finally
        {
            feed.SendGate.Release();
        }
    }

    /// <summary>
    /// The class's activation ends: subscribe to the next one from this silo's last seq. Not awaited
    /// here, since the old activation waits for this answer before it can make way for the next.
    /// </summary>
    public Task OnSessionMoved(string classId)
    {
        if (_feeds.TryGetValue(classId, out var feed))
        {
            _ = ResubscribeAsync(feed);
        }

        return Task.CompletedTask;
    }

    /// <summary>Tells the class how many connections this silo now holds for one family.</summary>
    public Task ReportPresenceAsync(string classId, string participantId) =>
        Session(classId).ReportPresence(SiloId, participantId, connections.CountFor(classId, participantId));

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
            else if (_feeds.TryRemove(feed.ClassId, out _))
            {
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
        var from = await Session(feed.ClassId).Subscribe(SiloId, Self, feed.LastSeq, connections.CountsFor(feed.ClassId));
        feed.AdvanceTo(from);
        feed.Subscribed = true;
    }

    private IClassSessionGrain Session(string classId) => grains.GetGrain<IClassSessionGrain>(classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId} events jumped from seq {LastSeq} to {Seq} on this silo; clients will rejoin")]
    private static partial void LogGap(ILogger logger, string classId, long lastSeq, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing class subscriptions failed; retrying next period")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribing again to moved class {ClassId} failed (attempt {Attempt}); the next renewal retries")]
    private static partial void LogResubscribeFailed(ILogger logger, Exception exception, string classId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing this silo from its classes on shutdown failed; they drop it on expiry")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);

    private sealed class ClassFeed(string classId)
    {
        public string ClassId { get; } = classId;
        public SemaphoreSlim SubscribeGate { get; } = new(1, 1);
        public SemaphoreSlim SendGate { get; } = new(1, 1);
        public bool Subscribed { get; set; }
        public long LastSeq { get; set; }
        public DateTimeOffset LastUsed { get; set; }

        /// <summary>Starts a fresh feed where the grain's cursor is; an older cursor never moves it back.</summary>
        public void AdvanceTo(long seq)
        {
            if (LastSeq == 0)
            {
                LastSeq = seq;
            }
        }
    }
}
