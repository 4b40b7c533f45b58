using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains.Journal;
using LiveClass.Grains.Observability;
using LiveClass.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// One class. The rules live in <see cref="ClassSession"/> and the storage layout in
/// <see cref="ClassSessionStore"/>; this grain adds durability (every answer waits for a write that
/// includes its change, writes coalesced under load; in the silo's own memory the class's memory
/// is as durable, and the state is written behind), fan-out to the silo bridges, presence and the
/// idle timeout. It is reentrant so that calls keep flowing
/// while a write or a delivery is in flight; every change itself is synchronous and atomic.
/// </summary>
[Reentrant]
public sealed partial class ClassSessionGrain : Grain, IClassSessionGrain
{
    private readonly ClassSessionStore _store;
    private readonly IGrainStorage _segmentStorage;
    private readonly ClassLimits _limits;
    private readonly RealtimeOptions _realtime;
    private readonly TimeProvider _time;
    private readonly ILogger<ClassSessionGrain> _logger;
    private readonly IClusterMembershipService _membership;
    private readonly LiveClassMetrics? _metrics;
    private readonly GroupCommit _commit;
    private readonly SiloEventBatcher _batcher;
    private readonly DirectPersistentState<ClassSessionState> _state;
    private ClassSession _session = null!;
    private EventFanOut _fanOut = null!;
    private PresenceTracker _presence = null!;
    private IGrainTimer? _presenceTimer;
    private bool _broken;
    private long _durableSeq;
    private string? _classId;

    /// <param name="metrics">Optional: a host without it (a test silo) records nothing.</param>
    public ClassSessionGrain(
        IGrainContext context,
        [PersistentState("rosterAndChat", StorageNames.Rosters)] IPersistentState<RosterAndChatState> rosterAndChat,
        [FromKeyedServices(StorageNames.Classes)] IGrainStorage classStorage,
        IOptions<ClassLimits> limits,
        IOptions<RealtimeOptions> realtime,
        TimeProvider time,
        IClusterMembershipService membership,
        SiloEventBatcher batcher,
        SiloJournal journal,
        JournalReader journalReader,
        IOptions<JournalOptions> journalOptions,
        ILogger<ClassSessionGrain> logger,
        LiveClassMetrics? metrics = null)
    {
        _limits = limits.Value;
        _realtime = realtime.Value;
        _time = time;
        _membership = membership;
        _batcher = batcher;
        _logger = logger;
        _metrics = metrics;
        _segmentStorage = classStorage;

        // Written often (without a journal or write-behind, at every commit), so straight through the storage (see DirectPersistentState).
        _state = new DirectPersistentState<ClassSessionState>(classStorage, StateName, context.GrainId);
        var writeBehind = !journal.Enabled && journalOptions.Value.WriteBehind ? journalOptions.Value.CheckpointInterval : (TimeSpan?)null;
        _store = new ClassSessionStore(_state, rosterAndChat, Segment, _limits, time, logger, journal.Enabled ? journal : null, journalReader, writeBehind);
        _commit = new GroupCommit(WriteAsync);
    }

    /// <summary>The class's own record in the classes' storage, as <c>[PersistentState]</c> named it.</summary>
    internal const string StateName = "session";

    /// <summary>Kept: Orleans builds the string from the grain's id on every call, and commits use it.</summary>
    private string ClassId => _classId ??= this.GetPrimaryKeyString();
    private ClassSessionState State => _store.State;
    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _state.ReadStateAsync();
        _session = await _store.LoadAsync();
        _fanOut = new EventFanOut(ClassId, ReadCommittedEvents, _realtime.FanOutBatchSize, _logger, batcher: _batcher);
        _fanOut.Reset(State.Seq);
        _durableSeq = State.Seq;
        _presence = new PresenceTracker(_realtime.PresenceGracePeriod);

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
            DueTime = HousekeepingSchedule.FirstTick(Random.Shared),
            Period = HousekeepingSchedule.Period,
            Interleave = true,
        });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _metrics?.ClassInactive(ClassId);
        await CloseAsync();
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

        var token = await Participant(instructorId).IssueToken(ParticipantRole.Instructor, State.InstructorName);
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

    public Task<long> StartClass(string actorId) => Committed(UsableSession().Start(actorId));

    public Task<long> PauseClass(string actorId) => Committed(UsableSession().Pause(actorId));

    public Task<long> ResumeClass(string actorId) => Committed(UsableSession().Resume(actorId));

    public Task<long> EndClass(string actorId) => Committed(UsableSession().End(actorId));

    public Task<long> GoToStep(string actorId, int? index) => Committed(UsableSession().GoToStep(actorId, index));

    public Task<long> SendCue(string actorId, string? kind, int? count, string? text) =>
        Committed(UsableSession().GiveCue(actorId, kind, count, text));

    public Task<long> SetTempo(string actorId, int? strokesPerMinute) =>
        Committed(UsableSession().SetTempo(actorId, strokesPerMinute));

    public async Task<long> RemoveParticipant(string actorId, string? participantId)
    {
        var seq = await Committed(UsableSession().Remove(actorId, participantId));
        _presence.Forget(participantId!);
        try
        {
            await Participant(participantId!).Revoke();
        }
        catch (Exception exception)
        {
            // The removal is stored, and the class refuses the family's rejoin by itself; an error
            // now would tell the instructor it had not happened.
            LogRevokeFailed(_logger, exception, ClassId, participantId!);
        }

        return seq;
    }

    public Task<long> DeleteChat(string actorId, string? messageId) => Committed(UsableSession().DeleteChat(actorId, messageId));

    public async Task<long> SendChat(string actorId, string? clientMessageId, string? text)
    {
        RequireUsable();
        var seq = _session.PostChat(actorId, clientMessageId, text);
        await DurableAsync();
        return seq;
    }

    public Task<long> CheckIn(string actorId, string? status, int? stepIndex) =>
        Committed(UsableSession().CheckIn(actorId, status, stepIndex));

    public async Task Leave(string actorId)
    {
        RequireUsable();
        if (_session.Status == ClassStatus.Ended)
        {
            // Only the connection is detached; a removed family is still told it is not part of the class.
            _session.RequireNotRemoved(actorId);
            return;
        }

        _session.Leave(actorId);
        await DurableAsync();
    }

    /// <summary>The class, once it is known to take changes; a change is made on it and then <see cref="Committed"/>.</summary>
    private ClassSession UsableSession()
    {
        RequireUsable();
        return _session;
    }

    /// <summary>Answers with the seq of a change once it is durable. No delegate per change: this is every hub call's path.</summary>
    private async Task<long> Committed(ClassEvent change)
    {
        await DurableAsync();
        return change.Seq;
    }

    /// <summary>
    /// Waits until everything recorded so far is written, so that no answer, snapshot or event
    /// list ever shows a change that could still be lost.
    /// </summary>
    private Task DurableAsync() => State.Seq > _durableSeq ? _commit.CommitAsync() : Task.CompletedTask;

    private async Task WriteAsync()
    {
        var started = _time.GetTimestamp();
        long seq;
        try
        {
            seq = await _store.WriteAsync();
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
        _metrics?.ClassActive(ClassId, State.Status);
        _durableSeq = seq;
        _fanOut.Committed(seq);
        await _store.TidyAsync();
    }

    /// <summary>
    /// Writes the state once more, naming no journal and with every commit, so that the next
    /// activation (here or on another silo) has nothing to replay. If that fails, it replays from
    /// the journal instead.
    /// </summary>
    private async Task CloseAsync()
    {
        if (_broken || _session is null || !_session.IsCreated || !_store.MustWriteOnClose)
        {
            return;
        }

        _store.Close();
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception exception)
        {
            LogCloseFailed(_logger, exception, ClassId);
        }
    }

    public Task LetGoOfJournal(string journalId)
    {
        if (!_session.IsCreated || State.Journal?.JournalId != journalId)
        {
            return Task.CompletedTask;
        }

        RequireUsable();
        _store.RequestCheckpoint();
        return _commit.CommitAsync();
    }

    /// <summary>Writes the state when its newest events have been only in the journal for a while.</summary>
    private Task CheckpointIfDueAsync()
    {
        if (!_store.CheckpointDue)
        {
            return Task.CompletedTask;
        }

        _store.RequestCheckpoint();
        return _commit.CommitAsync();
    }

    private Task RegisterInDirectoryAsync() =>
        GrainFactory.GetGrain<IClassDirectoryGrain>(ClassId).Register(State.InstructorId, State.InstructorKeyHash);

    private GrainStorageLogSegment Segment(LogSegment segment) =>
        new(_segmentStorage, GrainStorageLogSegment.IdFor(ClassId, segment));

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId} could not write its state on closing; its next activation replays its journal")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving class {ClassId} failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Class {ClassId} removed {ParticipantId} but could not revoke its tokens; the class refuses them")]
    private static partial void LogRevokeFailed(ILogger logger, Exception exception, string classId, string participantId);
}
