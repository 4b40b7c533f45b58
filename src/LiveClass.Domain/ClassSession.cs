using LiveClass.Contracts;
using LiveClass.Domain.Routines;

namespace LiveClass.Domain;

/// <summary>
/// The rules of one live class over its persisted state. Every method either throws a
/// <see cref="LiveClassException"/> and changes nothing, or makes its change and records it as the
/// next event in the log. Nothing here awaits, so a call is atomic even in a reentrant grain.
/// </summary>
public sealed class ClassSession
{
    private readonly ClassSessionState _state;
    private readonly RosterAndChatState _rosterAndChat;
    private readonly ClassLimits _limits;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, RosterEntry> _roster;
    private readonly Dictionary<(string, string), long> _receipts = [];
    private readonly ChatRateLimiter _chatRate;
    private Routine? _routine;

    /// <param name="sealedEvents">The events of the state's stored log segments, one list per segment, oldest first.</param>
    /// <param name="rosterAndChat">The stored roster and chat; null when none is stored yet (or the state predates version 4).</param>
    public ClassSession(ClassSessionState state, ClassLimits limits, TimeProvider time,
        IReadOnlyList<IReadOnlyList<ClassEvent>>? sealedEvents = null, RosterAndChatState? rosterAndChat = null)
    {
        _state = state;
        Log = new ClassEventLog(state, limits.EventLogCapacity, limits.EventLogSegmentSize, sealedEvents);
        _limits = limits;
        _time = time;
        _chatRate = new ChatRateLimiter(limits.ChatMessagesPerWindow, limits.ChatRateWindow);
        if (state.Version < 4)
        {
            // Before version 4 the class's own state held its roster, chat and receipts.
            _rosterAndChat = new RosterAndChatState { Seq = state.Seq, Roster = state.Roster, Chat = state.Chat, ChatReceipts = state.ChatReceipts };
            state.Roster = [];
            state.Chat = [];
            state.ChatReceipts = [];
            state.Version = ClassSessionState.CurrentVersion;
            RosterAndChatMustBeStored = state.IsCreated;
        }
        else
        {
            _rosterAndChat = rosterAndChat ?? new RosterAndChatState();
            state.ChatReceipts.RemoveAll(r => r.Seq <= _rosterAndChat.Seq);
        }

        StoredRosterAndChatSeq = _rosterAndChat.Seq;
        _roster = _rosterAndChat.Roster.ToDictionary(e => e.ParticipantId, StringComparer.Ordinal);
        IndexReceipts();
        RosterAndChatCaughtUp = CatchUpRosterAndChat();

        // A version 1 class carries its own copy of the routine; later ones name a catalog routine.
        _routine = state.Routine ?? (RoutineCatalog.TryGet(state.RoutineId, out var routine) ? routine : null);
    }

    public bool IsCreated => _state.IsCreated;
    public string ClassId => _state.ClassId;
    public string InstructorId => _state.InstructorId;
    public ClassStatus Status => _state.Status;
    public long Seq => _state.Seq;
    public ClassEventLog Log { get; }
    public IReadOnlyList<RosterEntry> Roster => _rosterAndChat.Roster;
    public IReadOnlyList<ChatMessage> Chat => _rosterAndChat.Chat;
    public int ParentCount => Roster.Count(e => e.Role == ParticipantRole.Parent && e.Status == RosterStatus.Present);

    /// <summary>The seq up to which the stored <see cref="RosterAndChatState"/> holds roster, chat and receipts.</summary>
    public long StoredRosterAndChatSeq { get; private set; }

    /// <summary>True when a state from before version 4 was loaded: its roster and chat must be stored before the state is written again.</summary>
    public bool RosterAndChatMustBeStored { get; private set; }

    /// <summary>False when the log no longer held every event after the stored roster and chat, so some of those changes are missing.</summary>
    public bool RosterAndChatCaughtUp { get; }
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
        _rosterAndChat.Chat.ToArray(),
        _state.Seq,
        Now,
        LiveClass.Domain.JoinCode.Format(_state.JoinCode));

    /// <summary>The events after <paramref name="seq"/>, if the log still holds all of them.</summary>
    public bool TryGetEventsAfter(long seq, int max, out IReadOnlyList<ClassEvent> events)
    {
        if (!Log.TryGetAfter(seq, max, out var logged))
        {
            events = logged;
            return false;
        }

        events = WithSteps(logged);
        return true;
    }

    // ---- Joining ----

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
        if (_roster.TryGetValue(_state.InstructorId, out var entry))
        {
            if (entry.Status == RosterStatus.Present)
            {
                return null;
            }

            entry.Status = RosterStatus.Present;
            entry.Online = true;
            return Emit(new ClassEvent(0, 0, ClassEventKind.ParticipantJoined, entry.ParticipantId, Participant: entry.ToParticipant()));
        }

        return AddToRoster(_state.InstructorId, _state.InstructorName, ParticipantRole.Instructor);
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
        if (Roster.Count >= _limits.MaxRosterEntries)
        {
            throw LiveClassException.ClassFull($"this class has already had {_limits.MaxRosterEntries} families");
        }

        return name;
    }

    public ClassEvent AdmitParent(string participantId, string displayName)
    {
        var name = CheckParentCanJoin(displayName);
        return AddToRoster(participantId, name, ParticipantRole.Parent);
    }

    /// <summary>
    /// Brings a participant back: the missed events, or a snapshot when they are not all kept, the
    /// class has ended, or the client's seq makes no sense. A family that had left comes back onto
    /// the roster; a removed one does not.
    /// </summary>
    public RejoinResult Rejoin(string participantId, long lastSeq, int maxEvents)
    {
        if (!_roster.TryGetValue(participantId, out var entry) || entry.Status == RosterStatus.Removed)
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

        if (entry.Status == RosterStatus.Left)
        {
            if (entry.Role == ParticipantRole.Parent)
            {
                RequireRoomForParent();
            }

            entry.Status = RosterStatus.Present;
            entry.Online = true;
            RecordPresence(entry, online: true);
            Emit(new ClassEvent(0, 0, ClassEventKind.ParticipantJoined, participantId, Participant: entry.ToParticipant()));
        }

        if (lastSeq > 0 && TryGetEventsAfter(lastSeq, maxEvents, out var events) && (lastSeq + events.Count == _state.Seq))
        {
            return new RejoinResult(participantId, entry.Role, null, events);
        }

        return new RejoinResult(participantId, entry.Role, Snapshot(), []);
    }

    public ClassEvent? Leave(string participantId)
    {
        var entry = RequireMember(participantId);
        entry.Status = RosterStatus.Left;
        entry.Online = false;
        RecordPresence(entry, online: false);
        return Emit(new ClassEvent(0, 0, ClassEventKind.ParticipantLeft, participantId, ParticipantId: participantId));
    }

    /// <summary>Shows a participant online or offline; no event when nothing changes.</summary>
    public ClassEvent? SetPresence(string participantId, bool online)
    {
        if (_state.Status == ClassStatus.Ended
            || !_roster.TryGetValue(participantId, out var entry)
            || entry.Status != RosterStatus.Present
            || entry.Online == online)
        {
            return null;
        }

        entry.Online = online;
        RecordPresence(entry, online);
        return Emit(new ClassEvent(0, 0, ClassEventKind.PresenceChanged, participantId, ParticipantId: participantId, Online: online));
    }

    // ---- The instructor's controls ----

    public ClassEvent Start(string actorId) => ChangeStatus(actorId, ClassStatus.Lobby, ClassStatus.Live, "start");

    public ClassEvent Pause(string actorId) => ChangeStatus(actorId, ClassStatus.Live, ClassStatus.Paused, "pause");

    public ClassEvent Resume(string actorId) => ChangeStatus(actorId, ClassStatus.Paused, ClassStatus.Live, "resume");

    public ClassEvent End(string actorId)
    {
        RequireInstructor(actorId);
        return EndClass(actorId);
    }

    /// <summary>Ends a class nobody has touched for the idle timeout.</summary>
    public ClassEvent? EndIfIdle()
    {
        if (!IsCreated || _state.Status == ClassStatus.Ended
            || Now - _state.LastActivityAt < (long)_limits.IdleTimeout.TotalMilliseconds)
        {
            return null;
        }

        return EndClass(actorId: null);
    }

    /// <summary>True once the class has been ended for longer than its retention: it may be deleted.</summary>
    public bool RetentionIsOver =>
        IsCreated && _state.Status == ClassStatus.Ended
        && Now - (_state.EndedAt ?? _state.LastActivityAt) > (long)_limits.EndedRetention.TotalMilliseconds;

    public ClassEvent GoToStep(string actorId, int index)
    {
        RequireInstructor(actorId);
        if (index < 0 || index >= Routine.Steps.Count)
        {
            throw LiveClassException.Invalid($"step index must be between 0 and {Routine.Steps.Count - 1}");
        }

        _state.StepIndex = index;
        return Emit(new ClassEvent(0, 0, ClassEventKind.StepChanged, actorId, StepIndex: index, Step: Routine.Steps[index]));
    }

    public ClassEvent GiveCue(string actorId, CueKind kind, int? count, string? text)
    {
        RequireInstructor(actorId);
        if (kind == CueKind.Repeat)
        {
            if (count is null || count < 1 || count > _limits.RepeatMaxCount)
            {
                throw LiveClassException.Invalid($"a Repeat cue needs a count from 1 to {_limits.RepeatMaxCount}");
            }
        }
        else if (count is not null)
        {
            throw LiveClassException.Invalid("only a Repeat cue takes a count");
        }

        if (kind == CueKind.Custom)
        {
            text = TextRules.Require(text, "text", _limits.CustomCueMaxLength);
        }
        else if (text is not null)
        {
            throw LiveClassException.Invalid("only a Custom cue takes a text");
        }

        var cue = new Cue(kind, count, text, Now);
        _state.Cue = cue;
        return Emit(new ClassEvent(0, 0, ClassEventKind.CueGiven, actorId, Cue: cue));
    }

    public ClassEvent SetTempo(string actorId, int strokesPerMinute)
    {
        RequireInstructor(actorId);
        if (strokesPerMinute != 0 && (strokesPerMinute < _limits.TempoMin || strokesPerMinute > _limits.TempoMax))
        {
            throw LiveClassException.Invalid($"strokesPerMinute must be 0 (off) or {_limits.TempoMin} to {_limits.TempoMax}");
        }

        var tempo = new Tempo(strokesPerMinute, Now);
        _state.Tempo = tempo;
        return Emit(new ClassEvent(0, 0, ClassEventKind.TempoChanged, actorId, Tempo: tempo));
    }

    public ClassEvent Remove(string actorId, string? participantId)
    {
        RequireInstructor(actorId);
        if (participantId is null || !_roster.TryGetValue(participantId, out var entry) || entry.Status != RosterStatus.Present)
        {
            throw LiveClassException.NotFound("no such participant in this class");
        }

        if (entry.Role == ParticipantRole.Instructor)
        {
            throw LiveClassException.Invalid("the instructor cannot be removed");
        }

        entry.Status = RosterStatus.Removed;
        entry.Online = false;
        RecordPresence(entry, online: false);
        return Emit(new ClassEvent(0, 0, ClassEventKind.ParticipantRemoved, actorId, ParticipantId: participantId));
    }

    public ClassEvent DeleteChat(string actorId, string? messageId)
    {
        RequireInstructor(actorId);
        var index = messageId is null ? -1 : _rosterAndChat.Chat.FindIndex(m => m.MessageId == messageId);
        if (index < 0)
        {
            throw LiveClassException.NotFound("no such chat message");
        }

        _rosterAndChat.Chat.RemoveAt(index);
        return Emit(new ClassEvent(0, 0, ClassEventKind.ChatDeleted, actorId, MessageId: messageId));
    }

    // ---- Everyone ----

    /// <summary>Posts a chat line; a resent <paramref name="clientMessageId"/> returns the first seq and changes nothing.</summary>
    public long PostChat(string actorId, string? clientMessageId, string? text)
    {
        var entry = RequireMember(actorId);
        if (string.IsNullOrEmpty(clientMessageId) || clientMessageId.Length > _limits.ClientMessageIdMaxLength)
        {
            throw LiveClassException.Invalid($"clientMessageId must be 1 to {_limits.ClientMessageIdMaxLength} characters");
        }

        if (_receipts.TryGetValue((actorId, clientMessageId), out var seq))
        {
            return seq;
        }

        var clean = TextRules.Require(text, "text", _limits.ChatMaxLength, multiline: true);
        var now = Now;
        if (!_chatRate.IsAllowed(actorId, now))
        {
            throw LiveClassException.RateLimited(
                $"at most {_limits.ChatMessagesPerWindow} messages every {_limits.ChatRateWindow.TotalSeconds:0} seconds");
        }

        _chatRate.Record(actorId, now);
        var message = new ChatMessage(Secrets.NewMessageId(), actorId, entry.DisplayName, clean, now);
        AddChat(message);

        var posted = Emit(new ClassEvent(0, 0, ClassEventKind.ChatPosted, actorId, Message: message));
        RememberReceipt(new ChatReceipt(actorId, clientMessageId, posted.Seq));
        return posted.Seq;
    }

    public ClassEvent CheckIn(string actorId, CheckInStatus status, int? stepIndex)
    {
        var entry = RequireMember(actorId);
        var step = stepIndex ?? _state.StepIndex;
        if (step < 0 || step >= Routine.Steps.Count)
        {
            throw LiveClassException.Invalid($"step index must be between 0 and {Routine.Steps.Count - 1}");
        }

        var checkIn = new CheckIn(status, step, Now);
        entry.CheckIn = checkIn;
        if (entry.Role == ParticipantRole.Parent)
        {
            Tally(actorId, step, status);
        }

        return Emit(new ClassEvent(0, 0, ClassEventKind.CheckedIn, actorId, ParticipantId: actorId, CheckIn: checkIn));
    }

    /// <summary>Fails unless <paramref name="participantId"/> is on the roster of an open class.</summary>
    public RosterEntry RequireMember(string participantId)
    {
        RequireOpen();
        if (!_roster.TryGetValue(participantId, out var entry) || entry.Status == RosterStatus.Removed)
        {
            throw LiveClassException.Forbidden("you are not part of this class");
        }

        if (entry.Status == RosterStatus.Left)
        {
            throw LiveClassException.NotJoined("you left this class; rejoin first");
        }

        return entry;
    }

    // ---- Storing roster and chat apart ----

    /// <summary>
    /// A copy of roster, chat and receipts as of now, once <paramref name="interval"/> events have
    /// passed since they were last stored (at once after loading a state from before version 4).
    /// Store it only after a state write that includes every change up to its seq has completed.
    /// </summary>
    public RosterAndChatState? TakeRosterAndChatToStore(int interval)
    {
        if (!IsCreated || (!RosterAndChatMustBeStored && _state.Seq - StoredRosterAndChatSeq < Math.Max(1, interval)))
        {
            return null;
        }

        var receipts = _rosterAndChat.ChatReceipts.Concat(_state.ChatReceipts).ToList();
        TrimFront(receipts, _limits.EventLogCapacity);
        return new RosterAndChatState
        {
            Seq = _state.Seq,
            Roster = _rosterAndChat.Roster.Select(e => e.Copy()).ToList(),
            Chat = [.. _rosterAndChat.Chat],
            ChatReceipts = receipts,
        };
    }

    /// <summary>Records that <paramref name="stored"/> is durable: the state's next writes leave out the receipts it holds.</summary>
    public void RosterAndChatStored(RosterAndChatState stored)
    {
        StoredRosterAndChatSeq = stored.Seq;
        RosterAndChatMustBeStored = false;
        _rosterAndChat.ChatReceipts = [.. stored.ChatReceipts];
        _state.ChatReceipts.RemoveAll(r => r.Seq <= stored.Seq);
        IndexReceipts();
    }

    /// <summary>Replays the logged events after the stored roster and chat onto them; false if the log no longer has them all.</summary>
    private bool CatchUpRosterAndChat()
    {
        var from = _rosterAndChat.Seq;
        if (from >= _state.Seq)
        {
            return true;
        }

        if (!Log.TryGetAfter(from, int.MaxValue, out var events))
        {
            return false;
        }

        foreach (var evt in events)
        {
            ApplyToRosterAndChat(evt);
        }

        _rosterAndChat.Seq = _state.Seq;
        return true;
    }

    /// <summary>What each event did to roster and chat, exactly as the methods above do it.</summary>
    private void ApplyToRosterAndChat(ClassEvent evt)
    {
        var participantId = evt.Participant?.ParticipantId ?? evt.ParticipantId;
        var entry = participantId is not null && _roster.TryGetValue(participantId, out var found) ? found : null;
        switch (evt.Kind)
        {
            case ClassEventKind.ParticipantJoined when evt.Participant is { } participant:
                if (entry is null)
                {
                    entry = new RosterEntry { ParticipantId = participant.ParticipantId, DisplayName = participant.DisplayName, Role = participant.Role };
                    _rosterAndChat.Roster.Add(entry);
                    _roster.Add(entry.ParticipantId, entry);
                }

                entry.Status = RosterStatus.Present;
                entry.Online = participant.Online;
                entry.CheckIn = participant.CheckIn;
                break;
            case ClassEventKind.ParticipantLeft when entry is not null:
                entry.Status = RosterStatus.Left;
                entry.Online = false;
                break;
            case ClassEventKind.ParticipantRemoved when entry is not null:
                entry.Status = RosterStatus.Removed;
                entry.Online = false;
                break;
            case ClassEventKind.PresenceChanged when entry is not null && evt.Online is { } online:
                entry.Online = online;
                break;
            case ClassEventKind.CheckedIn when entry is not null:
                entry.CheckIn = evt.CheckIn;
                break;
            case ClassEventKind.ChatPosted when evt.Message is { } message:
                AddChat(message);
                break;
            case ClassEventKind.ChatDeleted:
                _rosterAndChat.Chat.RemoveAll(m => m.MessageId == evt.MessageId);
                break;
        }
    }

    // ---- Helpers ----

    private void RequireInstructor(string actorId)
    {
        var entry = RequireMember(actorId);
        if (entry.Role != ParticipantRole.Instructor)
        {
            throw LiveClassException.Forbidden("only the instructor can do that");
        }
    }

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

    private ClassEvent ChangeStatus(string actorId, ClassStatus from, ClassStatus to, string verb)
    {
        RequireInstructor(actorId);
        if (_state.Status != from)
        {
            throw LiveClassException.Invalid($"cannot {verb} a class that is {_state.Status}");
        }

        _state.Status = to;
        if (to == ClassStatus.Live)
        {
            _state.StartedAt ??= Now;
        }

        return Emit(new ClassEvent(0, 0, ClassEventKind.ClassStatusChanged, actorId, Status: to));
    }

    private ClassEvent EndClass(string? actorId)
    {
        _state.Status = ClassStatus.Ended;
        _state.EndedAt = Now;
        foreach (var record in _state.Attendance)
        {
            record.Offline(Now);
        }

        return Emit(new ClassEvent(0, 0, ClassEventKind.ClassStatusChanged, actorId, Status: ClassStatus.Ended));
    }

    private ClassEvent AddToRoster(string participantId, string displayName, ParticipantRole role)
    {
        var entry = new RosterEntry
        {
            ParticipantId = participantId,
            DisplayName = displayName,
            Role = role,
            Status = RosterStatus.Present,
            Online = true,
        };
        _rosterAndChat.Roster.Add(entry);
        _roster.Add(participantId, entry);
        RecordPresence(entry, online: true);
        return Emit(new ClassEvent(0, 0, ClassEventKind.ParticipantJoined, participantId, Participant: entry.ToParticipant()));
    }

    // ---- The recap ----

    /// <summary>
    /// The class as its instructor looks back on it. Once it has ended it is kept for the ended
    /// class's retention window and then no longer given out.
    /// </summary>
    public ClassRecap Recap()
    {
        var now = Now;
        long? keptUntil = _state.EndedAt is { } ended ? ended + (long)_limits.EndedRetention.TotalMilliseconds : null;
        if (keptUntil is { } until && now > until)
        {
            throw LiveClassException.NotFound("this class's recap is no longer kept");
        }

        var families = _state.Attendance
            .Select(a => _roster.TryGetValue(a.ParticipantId, out var entry)
                ? new RecapFamily(a.ParticipantId, entry.DisplayName, a.FirstJoinedAt, a.LastSeenAt, a.OnlineMsAt(now), entry.Status.ToString())
                : null)
            .OfType<RecapFamily>()
            .ToArray();
        var byStep = _state.CheckInTallies
            .GroupBy(t => t.StepIndex)
            .OrderBy(g => g.Key)
            .Where(g => g.Key >= 0 && g.Key < Routine.Steps.Count)
            .Select(g => new RecapStepCheckIns(
                g.Key,
                Routine.Steps[g.Key].Area,
                Routine.Steps[g.Key].Name,
                g.OrderBy(t => t.Status).Select(t => new RecapCheckInCount(t.Status, t.Count, t.ParticipantIds.ToArray())).ToArray()))
            .ToArray();
        return new ClassRecap(
            _state.ClassId, _state.Title, _state.InstructorName, _state.Status, Routine.Id, Routine.Name,
            _state.CreatedAt, _state.StartedAt, _state.EndedAt, keptUntil, families, byStep, _rosterAndChat.Chat.ToArray());
    }

    /// <summary>Opens or closes a family's visit in the attendance kept for the recap.</summary>
    private void RecordPresence(RosterEntry entry, bool online)
    {
        if (entry.Role != ParticipantRole.Parent)
        {
            return;
        }

        var now = Now;
        var record = _state.Attendance.Find(a => a.ParticipantId == entry.ParticipantId);
        if (record is null)
        {
            record = new AttendanceRecord { ParticipantId = entry.ParticipantId, FirstJoinedAt = now, LastSeenAt = now };
            _state.Attendance.Add(record);
        }

        if (online)
        {
            record.Online(now);
        }
        else
        {
            record.Offline(now);
        }
    }

    private void Tally(string participantId, int stepIndex, CheckInStatus status)
    {
        var tally = _state.CheckInTallies.Find(t => t.StepIndex == stepIndex && t.Status == status);
        if (tally is null)
        {
            tally = new CheckInTally { StepIndex = stepIndex, Status = status };
            _state.CheckInTallies.Add(tally);
        }

        tally.Count++;
        if (!tally.ParticipantIds.Contains(participantId, StringComparer.Ordinal))
        {
            tally.ParticipantIds.Add(participantId);
        }
    }

    /// <summary>Stamps <paramref name="draft"/> with the next seq and the time, and appends it to the log.</summary>
    private ClassEvent Emit(ClassEvent draft)
    {
        var now = Now;
        _state.Seq++;
        _state.LastActivityAt = now;
        var evt = draft with { Seq = _state.Seq, At = now };
        // A step change is logged (and so written) with its index only; the step's text comes from the routine when it is read.
        Log.Append(evt.Step is null ? evt : evt with { Step = null });
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

    private void AddChat(ChatMessage message)
    {
        _rosterAndChat.Chat.Add(message);
        TrimFront(_rosterAndChat.Chat, _limits.ChatHistoryCapacity);
    }

    private void RememberReceipt(ChatReceipt receipt)
    {
        _state.ChatReceipts.Add(receipt);
        _receipts[(receipt.ParticipantId, receipt.ClientMessageId)] = receipt.Seq;

        // This list is emptied whenever roster and chat are stored; it grows long only while they cannot be.
        var capacity = _limits.EventLogCapacity;
        if (_state.ChatReceipts.Count > capacity + capacity / 4)
        {
            TrimFront(_state.ChatReceipts, capacity);
            IndexReceipts();
        }
    }

    private void IndexReceipts()
    {
        _receipts.Clear();
        foreach (var receipt in _rosterAndChat.ChatReceipts.Concat(_state.ChatReceipts))
        {
            _receipts[(receipt.ParticipantId, receipt.ClientMessageId)] = receipt.Seq;
        }
    }

    private static void TrimFront<T>(List<T> list, int capacity)
    {
        if (list.Count > capacity)
        {
            list.RemoveRange(0, list.Count - capacity);
        }
    }
}
