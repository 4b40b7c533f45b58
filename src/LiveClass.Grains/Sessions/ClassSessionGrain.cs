using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// One class. The rules live in <see cref="ClassSession"/>; this grain adds durability (every
/// answer waits for a write that includes its change, writes coalesced under load), fan-out to
/// the silo bridges, presence and the idle timeout. It is reentrant so that calls keep flowing
/// while a write or a delivery is in flight; every change itself is synchronous and atomic.
/// </summary>
[Reentrant]
public sealed partial class ClassSessionGrain : Grain, IClassSessionGrain
{
    private readonly IPersistentState<ClassSessionState> _state;
    private readonly IPersistentState<RosterAndChatState> _rosterAndChat;
    private readonly ClassLimits _limits;
    private readonly RealtimeOptions _realtime;
    private readonly TimeProvider _time;
    private readonly ILogger<ClassSessionGrain> _logger;
    private readonly GroupCommit _commit;
    private ClassSession _session = null!;
    private EventFanOut _fanOut = null!;
    private PresenceTracker _presence = null!;
    private IGrainTimer? _presenceTimer;
    private bool _broken;
    private long _durableSeq;
    private LiveClassMetrics? _metrics;
    private IClusterMembershipService? _membership;

    public ClassSessionGrain(
        [PersistentState("session", StorageNames.Classes)] IPersistentState<ClassSessionState> state,
        [PersistentState("rosterAndChat", StorageNames.Rosters)] IPersistentState<RosterAndChatState> rosterAndChat,
        IOptions<ClassLimits> limits,
        IOptions<RealtimeOptions> realtime,
        TimeProvider time,
        ILogger<ClassSessionGrain> logger)
    {
        _state = state;
        _rosterAndChat = rosterAndChat;
        _limits = limits.Value;
        _realtime = realtime.Value;
        _time = time;
        _logger = logger;
        _commit = new GroupCommit(WriteAsync);
    }

    private string ClassId => this.GetPrimaryKeyString();
    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _session = new ClassSession(_state.State, _limits, _time, await LoadSegmentsAsync(),
            _rosterAndChat.RecordExists ? _rosterAndChat.State : null);
        if (!_session.RosterAndChatCaughtUp)
        {
            LogRosterAndChatBehind(_logger, ClassId, _session.StoredRosterAndChatSeq);
        }

        if (_session.RosterAndChatMustBeStored)
        {
            // An older state will be written next without its roster and chat: store them first.
            await StoreRosterAndChatAsync(_session.TakeRosterAndChatToStore(RosterAndChatInterval)!, throwOnFailure: true);
        }

        _fanOut = new EventFanOut(ClassId, ReadCommittedEvents, _realtime.FanOutBatchSize, _logger);
        _fanOut.Reset(_state.State.Seq);
        _durableSeq = _state.State.Seq;
        _presence = new PresenceTracker(_realtime.PresenceGracePeriod);
        _metrics = ServiceProvider.GetService<LiveClassMetrics>();
        _membership = ServiceProvider.GetService<IClusterMembershipService>();

        if (_session.IsCreated)
        {
            // Families shown online keep that only if a silo reports their connections soon.
            foreach (var entry in _session.Roster.Where(e => e.Online))
            {
                _presence.ExpectReport(entry.ParticipantId, _realtime.BridgeRenewalPeriod, Now);
            }

            EnsurePresenceTimer();
            _metrics?.ClassActive(ClassId, _session.Status);
            _session.EndIfIdle();
            await DurableAsync();

            // A class stored before the directory existed is entered there when it next wakes.
            await RegisterInDirectoryAsync();
            await EnsureLifecycleReminderAsync();
        }

        this.RegisterGrainTimer(OnHousekeepingAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromSeconds(5),
            Period = TimeSpan.FromSeconds(5),
            Interleave = true,
        });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _metrics?.ClassInactive(ClassId);
        // The bridges' subscriptions live in this activation: have them subscribe to the next one
        // now rather than at their next renewal, so a rolling restart does not stall the class.
        // (No fan-out when the activation failed before OnActivateAsync.)
        if (_fanOut is { } fanOut)
        {
            await fanOut.NotifyMovedAsync(TimeSpan.FromSeconds(2));
        }
    }

    public async Task Create(NewClass newClass)
    {
        if (!RoutineCatalog.TryGet(newClass.RoutineId, out var routine))
        {
            throw LiveClassException.Invalid($"unknown routineId '{newClass.RoutineId}'");
        }

        _session.Create(ClassId, newClass.Title, newClass.InstructorName, routine, newClass.JoinCode,
            newClass.InstructorKeyHash, Secrets.NewParticipantId());
        await _commit.CommitAsync();
        await RegisterInDirectoryAsync();
        await EnsureLifecycleReminderAsync();
    }

    public Task<ClassSummary?> GetSummary() =>
        Task.FromResult(_session.IsCreated ? _session.Summary() : null);

    public async Task<ClassSnapshot> GetSnapshot()
    {
        RequireCreated();
        var snapshot = _session.Snapshot();
        await DurableAsync();
        return snapshot;
    }

    public Task<ClassRecap> GetRecap(string? instructorKey)
    {
        RequireCreated();
        _session.VerifyInstructorKey(instructorKey);
        return Task.FromResult(_session.Recap());
    }

    public async Task<JoinResult> JoinAsInstructor(string? instructorKey)
    {
        RequireUsable();
        var instructorId = _session.VerifyInstructorKey(instructorKey);
        if (_session.Status == ClassStatus.Ended)
        {
            throw LiveClassException.ClassEnded();
        }

        var token = await Participant(instructorId).IssueToken(ParticipantRole.Instructor, _state.State.InstructorName);
        _session.AdmitInstructor();
        var snapshot = _session.Snapshot();
        await DurableAsync();
        return new JoinResult(instructorId, token, ParticipantRole.Instructor, snapshot);
    }

    public async Task<JoinResult> JoinAsParent(string? displayName)
    {
        RequireUsable();
        var name = _session.CheckParentCanJoin(displayName);
        var participantId = Secrets.NewParticipantId();
        var token = await Participant(participantId).IssueToken(ParticipantRole.Parent, name);

        // Checked again: the class may have filled up or ended while the token was issued.
        _session.AdmitParent(participantId, name);
        var snapshot = _session.Snapshot();
        await DurableAsync();
        return new JoinResult(participantId, token, ParticipantRole.Parent, snapshot);
    }

    public async Task<RejoinResult> Rejoin(string participantId, long lastSeq)
    {
        RequireUsable();
        var result = _session.Rejoin(participantId, lastSeq, _limits.EventLogCapacity);
        await DurableAsync();
        return result;
    }

    public Task<long> StartClass(string actorId) => Change(() => _session.Start(actorId));

    public Task<long> PauseClass(string actorId) => Change(() => _session.Pause(actorId));

    public Task<long> ResumeClass(string actorId) => Change(() => _session.Resume(actorId));

    public Task<long> EndClass(string actorId) => Change(() => _session.End(actorId));

    public Task<long> GoToStep(string actorId, int index) => Change(() => _session.GoToStep(actorId, index));

    public Task<long> SendCue(string actorId, CueKind kind, int? count, string? text) =>
        Change(() => _session.GiveCue(actorId, kind, count, text));

    public Task<long> SetTempo(string actorId, int strokesPerMinute) =>
        Change(() => _session.SetTempo(actorId, strokesPerMinute));

    public async Task<long> RemoveParticipant(string actorId, string? participantId)
    {
        var seq = await Change(() => _session.Remove(actorId, participantId));
        _presence.Forget(participantId!);
        await Participant(participantId!).Revoke();
        return seq;
    }

    public Task<long> DeleteChat(string actorId, string? messageId) => Change(() => _session.DeleteChat(actorId, messageId));

    public async Task<long> SendChat(string actorId, string? clientMessageId, string? text)
    {
        RequireUsable();
        var seq = _session.PostChat(actorId, clientMessageId, text);
        await DurableAsync();
        return seq;
    }

    public Task<long> CheckIn(string actorId, CheckInStatus status, int? stepIndex) =>
        Change(() => _session.CheckIn(actorId, status, stepIndex));

    public async Task Leave(string actorId)
    {
        RequireUsable();
        if (_session.Status == ClassStatus.Ended)
        {
            return;
        }

        _session.Leave(actorId);
        await DurableAsync();
    }

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

    public async Task<long> Subscribe(string siloId, IClassEventObserver observer, long? lastSeq, IReadOnlyDictionary<string, int> connections)
    {
        RequireCreated();
        ParseSilo(siloId);
        var delivered = _fanOut.Subscribe(siloId, observer, lastSeq, _time.GetUtcNow() + _realtime.BridgeSubscriptionLifetime);
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

    private async Task<long> Change(Func<ClassEvent> change)
    {
        RequireUsable();
        var evt = change();
        await DurableAsync();
        return evt.Seq;
    }

    /// <summary>
    /// Waits until everything recorded so far is written, so that no answer, snapshot or event
    /// list ever shows a change that could still be lost.
    /// </summary>
    private Task DurableAsync() => _state.State.Seq > _durableSeq ? _commit.CommitAsync() : Task.CompletedTask;

    private async Task WriteAsync()
    {
        var started = _time.GetTimestamp();
        long seq;
        IReadOnlyList<LogSegment> unreferenced;
        RosterAndChatState? rosterAndChat;
        try
        {
            await SealSegmentsAsync();
            seq = _state.State.Seq;
            rosterAndChat = _session.TakeRosterAndChatToStore(RosterAndChatInterval);
            unreferenced = _session.Log.TakeUnreferencedSegments();
            await _state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // Memory and storage now disagree: refuse further changes and reload on the next activation.
            _broken = true;
            LogWriteFailed(_logger, exception, ClassId);
            DeactivateOnIdle();
            throw;
        }

        _metrics?.Committed((int)(seq - _durableSeq), _time.GetElapsedTime(started));
        _metrics?.ClassActive(ClassId, _state.State.Status);
        _durableSeq = seq;
        _fanOut.Committed(seq);
        foreach (var segment in unreferenced)
        {
            _ = DeleteSegmentAsync(segment);
        }

        if (rosterAndChat is not null)
        {
            await StoreRosterAndChatAsync(rosterAndChat, throwOnFailure: false);
        }
    }

    /// <summary>Roster and chat are stored every this many events (with the log's segments), not with every change.</summary>
    private int RosterAndChatInterval => _limits.EventLogSegmentSize;

    /// <summary>
    /// Stores roster and chat as of a seq the state already holds. A failure loses nothing (the
    /// state's log still has every later event) and is tried again after the next write.
    /// </summary>
    private async Task StoreRosterAndChatAsync(RosterAndChatState rosterAndChat, bool throwOnFailure)
    {
        try
        {
            _rosterAndChat.State = rosterAndChat;
            await _rosterAndChat.WriteStateAsync();
            _session.RosterAndChatStored(rosterAndChat);
        }
        catch (Exception exception) when (!throwOnFailure)
        {
            LogRosterAndChatStoreFailed(_logger, exception, ClassId);
        }
    }

    /// <summary>Stores full segments of the oldest unsealed events, so the state written next leaves them out.</summary>
    private async Task SealSegmentsAsync()
    {
        while (_session.Log.TryTakeSegmentToSeal(out var segment, out var events))
        {
            await Segment(segment).Store(events);
            _session.Log.Sealed(segment);
        }
    }

    private async Task<IReadOnlyList<IReadOnlyList<ClassEvent>>> LoadSegmentsAsync()
    {
        var segments = _state.State.LogSegments;
        return segments.Count == 0 ? [] : await Task.WhenAll(segments.Select(segment => Segment(segment).Load()));
    }

    /// <summary>Deletes a segment nothing refers to any more; one left behind only takes storage.</summary>
    private async Task DeleteSegmentAsync(LogSegment segment)
    {
        try
        {
            await Segment(segment).Delete();
        }
        catch (Exception exception)
        {
            LogSegmentDeleteFailed(_logger, exception, ClassId, segment.FirstSeq);
        }
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

        return _session.Log.OldestSeq is { } oldest && oldest - 1 > afterSeq && _session.TryGetEventsAfter(oldest - 1, max, out var oldestEvents)
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
        if (_membership is null)
        {
            return dead;
        }

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

    private Task RegisterInDirectoryAsync() =>
        GrainFactory.GetGrain<IClassDirectoryGrain>(ClassId).Register(_state.State.InstructorId, _state.State.InstructorKeyHash);

    private IClassLogSegmentGrain Segment(LogSegment segment) =>
        GrainFactory.GetGrain<IClassLogSegmentGrain>(LogSegmentKey.For(ClassId, segment));

    private IParticipantGrain Participant(string participantId) =>
        GrainFactory.GetGrain<IParticipantGrain>(ParticipantKey.For(ClassId, participantId));

    private void RequireCreated()
    {
        if (!_session.IsCreated)
        {
            throw LiveClassException.NotFound("no class has this id");
        }
    }

    private void RequireUsable()
    {
        RequireCreated();
        if (_broken)
        {
            throw new InvalidOperationException("The class could not be saved; try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving class {ClassId} failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the roster and chat of class {ClassId} failed; trying again after the next write")]
    private static partial void LogRosterAndChatStoreFailed(ILogger logger, Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Class {ClassId} lost roster and chat changes after seq {Seq}: its log no longer held them")]
    private static partial void LogRosterAndChatBehind(ILogger logger, string classId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting log segment {FirstSeq} of class {ClassId} failed")]
    private static partial void LogSegmentDeleteFailed(ILogger logger, Exception exception, string classId, long firstSeq);
}
