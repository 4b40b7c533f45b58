using LiveClass.Contracts;
using LiveClass.Domain.Routines;

namespace LiveClass.Domain;

/// <summary>
/// The rules of one live class. Every command either throws a <see cref="LiveClassException"/> and
/// changes nothing, or decides on its event, which <see cref="ClassEventApplier"/> applies and the
/// log records with the next seq. Nothing here awaits, so a call is atomic even in a reentrant grain.
/// How the class is stored is not its concern.
/// </summary>
public sealed partial class ClassSession
{
    private readonly ClassSessionState _state;
    private readonly RosterAndChat _rosterAndChat;
    private readonly IClassEventLog _log;
    private readonly ClassEventApplier _applier;
    private readonly ClassLimits _limits;
    private readonly TimeProvider _time;
    private readonly ChatRateLimiter _chatRate;
    private Routine? _routine;

    public ClassSession(ClassSessionState state, RosterAndChat rosterAndChat, IClassEventLog log, ClassLimits limits, TimeProvider time)
    {
        _state = state;
        _rosterAndChat = rosterAndChat;
        _log = log;
        _applier = new ClassEventApplier(state, rosterAndChat);
        _limits = limits;
        _time = time;
        _chatRate = new ChatRateLimiter(limits.ChatMessagesPerWindow, limits.ChatRateWindow);

        // A version 1 class carries its own copy of the routine; later ones name a catalog routine.
        _routine = state.Routine ?? (RoutineCatalog.TryGet(state.RoutineId, out var routine) ? routine : null);
    }

    public bool IsCreated => _state.IsCreated;
    public string ClassId => _state.ClassId;
    public string InstructorId => _state.InstructorId;
    public ClassStatus Status => _state.Status;
    public long Seq => _state.Seq;
    public IReadOnlyList<RosterEntry> Roster => RosterEntries.Entries;
    public IReadOnlyList<ChatMessage> Chat => _rosterAndChat.Chat.Messages;
    public int ParentCount => RosterEntries.ParentCount;
    private ClassRoster RosterEntries => _rosterAndChat.Roster;
    private Routine Routine => _routine ?? throw new InvalidOperationException("The class has not been created.");
    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Create(string classId, string title, string instructorName, Routine routine, string joinCode,
        string instructorKeyHash, string instructorId)
    {
        if (IsCreated)
        {
            throw LiveClassException.Invalid("the class already exists");
        }

        // Validate before touching the state, so that a rejected create leaves no half-created class.
        var cleanTitle = TextRules.Require(title, "title", _limits.TitleMaxLength);
        var cleanInstructorName = TextRules.Require(instructorName, "instructorName", _limits.DisplayNameMaxLength);

        _state.ClassId = classId;
        _state.Title = cleanTitle;
        _state.InstructorName = cleanInstructorName;
        _state.RoutineId = routine.Id;
        _routine = routine;
        _state.JoinCode = joinCode;
        _state.InstructorKeyHash = instructorKeyHash;
        _state.InstructorId = instructorId;
        _state.Status = ClassStatus.Lobby;
        _state.CreatedAt = _state.LastActivityAt = Now;
    }

    public ClassSummary Summary() =>
        new(_state.ClassId, _state.Title, _state.InstructorName, _state.Status, ParentCount);

    public ClassSnapshot Snapshot() => new(
        _state.ClassId,
        _state.Title,
        _state.InstructorName,
        _state.Status,
        Routine,
        _state.StepIndex,
        _state.Cue,
        _state.Tempo,
        Roster.Where(e => e.Status == RosterStatus.Present).Select(e => e.ToParticipant()).ToArray(),
        Chat.ToArray(),
        _state.Seq,
        Now,
        LiveClass.Domain.JoinCode.Format(_state.JoinCode));

    /// <summary>The events after <paramref name="seq"/>, if the log still holds all of them.</summary>
    public bool TryGetEventsAfter(long seq, int max, out IReadOnlyList<ClassEvent> events)
    {
        if (!_log.TryGetAfter(seq, max, out var logged))
        {
            events = logged;
            return false;
        }

        events = WithSteps(logged);
        return true;
    }

    // ---- Joining and leaving ----

    /// <summary>Checks the instructor key and returns the instructor's participant id.</summary>
    public string VerifyInstructorKey(string? instructorKey)
    {
        if (string.IsNullOrEmpty(instructorKey) || !Secrets.Matches(instructorKey, _state.InstructorKeyHash))
        {
            throw LiveClassException.Forbidden("the instructor key is not valid for this class");
        }

        return _state.InstructorId;
    }

    /// <summary>Puts the instructor on the roster; the first time, that is a <c>ParticipantJoined</c>.</summary>
    public ClassEvent? AdmitInstructor()
    {
        RequireOpen();
        if (RosterEntries.TryGet(_state.InstructorId, out var entry))
        {
            return entry.Status == RosterStatus.Present ? null : ComeBack(entry);
        }

        return Join(_state.InstructorId, _state.InstructorName, ParticipantRole.Instructor);
    }

    /// <summary>Validates a parent's join before any identity is issued; returns the clean name.</summary>
    public string CheckParentCanJoin(string? displayName)
    {
        RequireOpen();
        var name = TextRules.Require(displayName, "displayName", _limits.DisplayNameMaxLength);
        if (TextRules.SameName(name, _state.InstructorName))
        {
            throw LiveClassException.Invalid("displayName must not be the instructor's name");
        }

        RequireRoomForParent();
        if (RosterEntries.Count >= _limits.MaxRosterEntries)
        {
            throw LiveClassException.ClassFull($"this class has already had {_limits.MaxRosterEntries} families");
        }

        return name;
    }

    public ClassEvent AdmitParent(string participantId, string displayName)
    {
        var name = CheckParentCanJoin(displayName);
        return Join(participantId, name, ParticipantRole.Parent);
    }

    /// <summary>
    /// Brings a participant back: the missed events, or a snapshot when they are not all kept, the
    /// class has ended, or the client's seq makes no sense. A family that had left comes back onto
    /// the roster; a removed one does not.
    /// </summary>
    public RejoinResult Rejoin(string participantId, long lastSeq, int maxEvents)
    {
        if (!RosterEntries.TryGet(participantId, out var entry) || entry.Status == RosterStatus.Removed)
        {
            throw LiveClassException.Forbidden("this rejoin token is no longer valid");
        }

        if (_state.Status == ClassStatus.Ended)
        {
            if (Now - _state.EndedAt > (long)_limits.EndedRetention.TotalMilliseconds)
            {
                throw LiveClassException.ClassEnded();
            }

            return new RejoinResult(participantId, entry.Role, Snapshot(), []);
        }

        // The client's seq is judged against the class as it was asked, not after the come-back's own event.
        var seqAsked = _state.Seq;
        if (entry.Status == RosterStatus.Left)
        {
            if (entry.Role == ParticipantRole.Parent)
            {
                RequireRoomForParent();
            }

            ComeBack(entry);
        }

        if (lastSeq > 0 && lastSeq <= seqAsked
            && TryGetEventsAfter(lastSeq, maxEvents, out var events) && (lastSeq + events.Count == _state.Seq))
        {
            return new RejoinResult(participantId, entry.Role, null, events);
        }

        return new RejoinResult(participantId, entry.Role, Snapshot(), []);
    }

    public ClassEvent? Leave(string participantId)
    {
        RequireMember(participantId);
        return Emit(new ClassEvent(NextSeq, Now, ClassEventKind.ParticipantLeft, participantId, ParticipantId: participantId));
    }

    /// <summary>Shows a participant online or offline; no event when nothing changes.</summary>
    public ClassEvent? SetPresence(string participantId, bool online)
    {
        if (_state.Status == ClassStatus.Ended
            || !RosterEntries.TryGet(participantId, out var entry)
            || entry.Status != RosterStatus.Present
            || entry.Online == online)
        {
            return null;
        }

        return Emit(new ClassEvent(NextSeq, Now, ClassEventKind.PresenceChanged, participantId, ParticipantId: participantId, Online: online));
    }

    /// <summary>
    /// Fails unless <paramref name="participantId"/> is on the roster of an open class. A removed
    /// family is refused as such before the class's status is looked at, ended or not.
    /// </summary>
    public RosterEntry RequireMember(string participantId)
    {
        var entry = RequireNotRemoved(participantId);
        RequireOpen();
        if (entry.Status == RosterStatus.Left)
        {
            throw LiveClassException.NotJoined("you left this class; rejoin first");
        }

        return entry;
    }

    /// <summary>Fails unless <paramref name="participantId"/> is on the roster and was not removed, whatever the class's status.</summary>
    public RosterEntry RequireNotRemoved(string participantId)
    {
        if (!RosterEntries.TryGet(participantId, out var entry) || entry.Status == RosterStatus.Removed)
        {
            throw LiveClassException.Forbidden("you are not part of this class");
        }

        return entry;
    }

    private ClassEvent Join(string participantId, string displayName, ParticipantRole role) =>
        Emit(new ClassEvent(NextSeq, Now, ClassEventKind.ParticipantJoined, participantId,
            Participant: new Participant(participantId, displayName, role, Online: true, CheckIn: null)));

    private ClassEvent ComeBack(RosterEntry entry) =>
        Emit(new ClassEvent(NextSeq, Now, ClassEventKind.ParticipantJoined, entry.ParticipantId,
            Participant: entry.ToParticipant() with { Online = true }));

    private void RequireOpen()
    {
        if (_state.Status == ClassStatus.Ended)
        {
            throw LiveClassException.ClassEnded();
        }
    }

    private void RequireRoomForParent()
    {
        if (ParentCount >= _limits.MaxParents)
        {
            throw LiveClassException.ClassFull($"this class already has {_limits.MaxParents} families");
        }
    }

    /// <summary>
    /// Applies an event committed earlier but not in the stored state (a journaled one), exactly as
    /// when it was first made; it must be the next in seq order.
    /// </summary>
    public void Replay(ClassEvent logged)
    {
        if (logged.Seq != _state.Seq + 1)
        {
            throw new InvalidOperationException($"Event {logged.Seq} does not follow seq {_state.Seq}.");
        }

        _applier.Apply(logged);
        _log.Append(logged);
    }

    /// <summary>The seq of the next event this class makes.</summary>
    private long NextSeq => _state.Seq + 1;

    /// <summary>
    /// Applies a new event, made with <see cref="NextSeq"/> and the time (not stamped afterwards: a
    /// copy of every event would be garbage), and appends it to the log.
    /// </summary>
    private ClassEvent Emit(ClassEvent evt)
    {
        if (evt.Seq != NextSeq)
        {
            throw new InvalidOperationException($"Event {evt.Seq} is not the next one, {NextSeq}.");
        }

        _applier.Apply(evt);
        // A step change is logged (and so written) with its index only; the step's text comes from the routine when it is read.
        _log.Append(evt.Step is null ? evt : evt with { Step = null });
        return evt;
    }

    /// <summary>Gives the logged step changes their step again.</summary>
    private IReadOnlyList<ClassEvent> WithSteps(IReadOnlyList<ClassEvent> logged)
    {
        List<ClassEvent>? withSteps = null;
        for (var i = 0; i < logged.Count; i++)
        {
            if (logged[i] is { Kind: ClassEventKind.StepChanged, Step: null, StepIndex: { } index } evt && index >= 0 && index < Routine.Steps.Count)
            {
                withSteps ??= [.. logged];
                withSteps[i] = evt with { Step = Routine.Steps[index] };
            }
        }

        return withSteps ?? logged;
    }
}
