using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Client;

/// <summary>
/// Follows one class as one participant, by the protocol's client rules: it joins, keeps the
/// rejoin token, applies events strictly in seq order into <see cref="Mirror"/> and, on a gap or a
/// lost connection, calls <c>Rejoin(token, lastSeq)</c> so that nothing is missed and nothing
/// applied twice. Calls on the class go through <see cref="Hub"/>.
/// </summary>
public sealed partial class ClassFollower : IAsyncDisposable
{
    private readonly Func<HubConnection> _newConnection;
    private readonly ClassFollowerOptions _options;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _resync = new(1, 1);
    private readonly ClassSequencer _sequencer;
    private volatile ClassHubConnection? _hub;
    private volatile bool _stopped;

    /// <param name="newConnection">Builds a new, not yet started, hub connection; called again for every reconnect.</param>
    /// <param name="options">How to get back in step; the defaults rejoin on a gap and reconnect on a lost connection.</param>
    /// <param name="mirror">A view of the class to carry on from, with <see cref="RejoinAsync"/> from its seq; by default an empty one.</param>
    public ClassFollower(Func<HubConnection> newConnection, ClassFollowerOptions? options = null, ClassMirror? mirror = null)
    {
        _newConnection = newConnection;
        _options = options ?? new ClassFollowerOptions();
        _sequencer = new ClassSequencer(OnApplied);
        Mirror = mirror ?? new ClassMirror();
    }

    /// <summary>The class as this participant sees it; it changes as events arrive.</summary>
    public ClassMirror Mirror { get; }

    /// <summary>The current connection's typed calls.</summary>
    public ClassHubConnection Hub => _hub ?? throw new InvalidOperationException("Not connected.");

    /// <summary>Who this follower is in the class, once joined.</summary>
    public string? ParticipantId { get; private set; }

    /// <summary>The token that brings this participant back, on any connection, device or server.</summary>
    public string? RejoinToken { get; private set; }

    /// <summary>Instructor or parent, once joined.</summary>
    public ParticipantRole Role { get; private set; }

    /// <summary>The seq of the last event applied (or of the last snapshot).</summary>
    public long LastSeq
    {
        get
        {
            lock (_lock)
            {
                return _sequencer.LastSeq;
            }
        }
    }

    /// <summary>Events dropped because they were already applied.</summary>
    public int Duplicates => _sequencer.Duplicates;

    /// <summary>Gaps seen in the live stream.</summary>
    public int Gaps => _sequencer.Gaps;

    /// <summary>Rejoins answered with a snapshot instead of the missed events.</summary>
    public int SnapshotResets { get; private set; }

    /// <summary>New connections opened to get back in step after a lost one.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Connected, and applying live events (not waiting for a join or rejoin answer).</summary>
    public bool IsInStep => _hub?.Connection.State == HubConnectionState.Connected && !_sequencer.IsHolding;

    /// <summary>A connection is about to start; its events follow.</summary>
    public event Action<ClassHubConnection>? Connecting;

    /// <summary>Every event the current connection receives, as received, before ordering.</summary>
    public event Action<ClassEvent>? EventReceived;

    /// <summary>Every event applied to <see cref="Mirror"/>, in seq order.</summary>
    public event Action<ClassEvent>? EventApplied;

    /// <summary>A join or rejoin answer replaced <see cref="Mirror"/> with a snapshot.</summary>
    public event Action<ClassSnapshot>? SnapshotApplied;

    /// <summary>A rejoin after a gap or a lost connection has been applied.</summary>
    public event Action? BackInStep;

    /// <summary>An attempt to get back in step failed; another follows while patience lasts.</summary>
    public event Action<Exception>? RejoinFailed;

    /// <summary>A follower over new MessagePack or JSON connections to the server at <paramref name="baseUrl"/>.</summary>
    public static ClassFollower Create(string baseUrl, WireProtocol protocol = WireProtocol.MessagePack, ClassFollowerOptions? options = null) =>
        new(() => new HubConnectionBuilder().WithClassHub(baseUrl).AddClassProtocol(protocol).Build(), options);

    /// <summary>Opens a new connection; the previous one, if any, should have been dropped.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var hub = new ClassHubConnection(_newConnection());
        hub.OnClassEvent(evt => OnEvent(hub, evt));
        hub.Connection.Closed += _ => OnClosed(hub);
        lock (_lock)
        {
            _sequencer.Hold();
        }

        Connecting?.Invoke(hub);
        _hub = hub;
        await hub.Connection.StartAsync(cancellationToken);
    }

    /// <summary>Joins as a family with the class's join code.</summary>
    public Task<JoinResult> JoinAsParentAsync(string joinCode, string displayName) =>
        JoinAsync(hub => hub.JoinAsParent(joinCode, displayName));

    /// <summary>Joins as the instructor, with the key given when the class was created.</summary>
    public Task<JoinResult> JoinAsInstructorAsync(string classId, string instructorKey) =>
        JoinAsync(hub => hub.JoinAsInstructor(classId, instructorKey));

    /// <summary>
    /// Comes back on the current connection: asks for everything after <paramref name="lastSeq"/>
    /// (by default the last applied) and applies it, then the live events held meanwhile.
    /// </summary>
    /// <param name="rejoinToken">A token kept from an earlier join; by default this follower's own.</param>
    /// <param name="lastSeq">The last seq the participant has; by default <see cref="LastSeq"/>.</param>
    public async Task<RejoinResult> RejoinAsync(string? rejoinToken = null, long? lastSeq = null)
    {
        var hub = Hub;
        RejoinToken = rejoinToken ?? RejoinToken ?? throw new InvalidOperationException("Join first, or give a rejoin token.");
        long from;
        lock (_lock)
        {
            _sequencer.Hold();
            from = lastSeq ?? _sequencer.LastSeq;
        }

        var result = await hub.Rejoin(RejoinToken, from);
        ParticipantId = result.ParticipantId;
        Role = result.Role;
        if (result.Snapshot is not null)
        {
            SnapshotResets++;
        }

        Resume(result.Snapshot, from, result.Events);
        return result;
    }

    /// <summary>Drops the connection and comes back on a new one, from the last applied seq.</summary>
    public async Task<RejoinResult> ReconnectAsync()
    {
        await DropAsync();
        await ConnectAsync();
        return await RejoinAsync();
    }

    /// <summary>Lets the connection go, as a sleeping phone does: no <c>Leave</c>, and no reconnect.</summary>
    public async Task DropAsync()
    {
        var hub = _hub;
        _hub = null;
        if (hub is not null)
        {
            await hub.Connection.DisposeAsync();
        }
    }

    /// <summary>From now on a lost connection stays lost.</summary>
    public void StopReconnecting() => _stopped = true;

    /// <summary>Waits until the event with <paramref name="seq"/> has been applied.</summary>
    public async Task WaitForSeqAsync(long seq, CancellationToken cancellationToken = default)
    {
        while (LastSeq < seq)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Stops following and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        await DropAsync();
    }

    private async Task<JoinResult> JoinAsync(Func<ClassHubConnection, Task<JoinResult>> join)
    {
        var hub = Hub;
        lock (_lock)
        {
            _sequencer.Hold();
        }

        var result = await join(hub);
        ParticipantId = result.ParticipantId;
        RejoinToken = result.RejoinToken;
        Role = result.Role;
        Resume(result.Snapshot, null, []);
        return result;
    }

    private void Resume(ClassSnapshot? snapshot, long? baseline, IReadOnlyList<ClassEvent> events)
    {
        SequenceOutcome outcome;
        lock (_lock)
        {
            if (snapshot is not null)
            {
                Mirror.ApplySnapshot(snapshot);
                SnapshotApplied?.Invoke(snapshot);
            }

            outcome = _sequencer.Resume(snapshot?.Seq ?? baseline, events);
        }

        if (outcome == SequenceOutcome.Gap && _options.RejoinOnGap)
        {
            _ = GetBackInStepAsync(reconnect: false);
        }
    }
}
