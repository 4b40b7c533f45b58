using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>The instructor's controls, chat and check-ins, and the recap.</summary>
public sealed partial class ClassSession
{
    public ClassEvent Start(string actorId) => ChangeStatus(actorId, ClassStatus.Lobby, ClassStatus.Live, "start");

    public ClassEvent Pause(string actorId) => ChangeStatus(actorId, ClassStatus.Live, ClassStatus.Paused, "pause");

    public ClassEvent Resume(string actorId) => ChangeStatus(actorId, ClassStatus.Paused, ClassStatus.Live, "resume");

    /// <summary>Ends a live or paused class; one still in the Lobby has nothing to end and ends itself when left idle.</summary>
    public ClassEvent End(string actorId)
    {
        RequireInstructor(actorId);
        if (_state.Status == ClassStatus.Lobby)
        {
            throw LiveClassException.Invalid($"cannot end a class that is {ClassStatus.Lobby}; start it first");
        }

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

    // The calls below take their arguments as a client sends them: who may do it and whether the
    // class still takes it are checked before what was sent, so an ended class answers
    // class_ended whatever the arguments.

    public ClassEvent GoToStep(string actorId, int? index)
    {
        RequireInstructor(actorId);
        var step = TextRules.Required(index, "index");
        RequireStep(step);
        return Emit(new ClassEvent(NextSeq, Now, ClassEventKind.StepChanged, actorId, StepIndex: step, Step: Routine.Steps[step]));
    }

    public ClassEvent GiveCue(string actorId, string? kind, int? count, string? text)
    {
        RequireInstructor(actorId);
        return EmitCue(actorId, TextRules.ParseEnum<CueKind>(kind, "kind"), count, text);
    }

    public ClassEvent GiveCue(string actorId, CueKind kind, int? count, string? text)
    {
        RequireInstructor(actorId);
        return EmitCue(actorId, kind, count, text);
    }

    public ClassEvent SetTempo(string actorId, int? strokesPerMinute)
    {
        RequireInstructor(actorId);
        var tempo = TextRules.Required(strokesPerMinute, "strokesPerMinute");
        CueRules.ValidateTempo(tempo, _limits);
        var now = Now;
        return Emit(new ClassEvent(NextSeq, now, ClassEventKind.TempoChanged, actorId, Tempo: new Tempo(tempo, now)));
    }

    public ClassEvent Remove(string actorId, string? participantId)
    {
        RequireInstructor(actorId);
        if (!RosterEntries.TryGet(participantId, out var entry) || entry.Status != RosterStatus.Present)
        {
            throw LiveClassException.NotFound("no such participant in this class");
        }

        if (entry.Role == ParticipantRole.Instructor)
        {
            throw LiveClassException.Invalid("the instructor cannot be removed");
        }

        return Emit(new ClassEvent(NextSeq, Now, ClassEventKind.ParticipantRemoved, actorId, ParticipantId: participantId));
    }

    public ClassEvent DeleteChat(string actorId, string? messageId)
    {
        RequireInstructor(actorId);
        if (!_rosterAndChat.Chat.Contains(messageId))
        {
            throw LiveClassException.NotFound("no such chat message");
        }

        return Emit(new ClassEvent(NextSeq, Now, ClassEventKind.ChatDeleted, actorId, MessageId: messageId));
    }

    /// <summary>Posts a chat line; a resent <paramref name="clientMessageId"/> returns the first seq and changes nothing.</summary>
    public long PostChat(string actorId, string? clientMessageId, string? text)
    {
        var entry = RequireMember(actorId);
        if (string.IsNullOrEmpty(clientMessageId) || clientMessageId.Length > _limits.ClientMessageIdMaxLength)
        {
            throw LiveClassException.Invalid($"clientMessageId must be 1 to {_limits.ClientMessageIdMaxLength} characters");
        }

        if (_rosterAndChat.Receipts.TryGet(actorId, clientMessageId, out var seq))
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
        var posted = Emit(new ClassEvent(NextSeq, now, ClassEventKind.ChatPosted, actorId, Message: message));
        _rosterAndChat.Receipts.Add(new ChatReceipt(actorId, clientMessageId, posted.Seq));
        return posted.Seq;
    }

    public ClassEvent CheckIn(string actorId, string? status, int? stepIndex)
    {
        RequireMember(actorId);
        return EmitCheckIn(actorId, TextRules.ParseEnum<CheckInStatus>(status, "status"), stepIndex);
    }

    public ClassEvent CheckIn(string actorId, CheckInStatus status, int? stepIndex)
    {
        RequireMember(actorId);
        return EmitCheckIn(actorId, status, stepIndex);
    }

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

        return ClassRecapBuilder.Build(_state, _rosterAndChat, Routine, keptUntil, now);
    }

    /// <summary>A cue from the instructor, once the caller is known to be the instructor.</summary>
    private ClassEvent EmitCue(string actorId, CueKind kind, int? count, string? text)
    {
        var now = Now;
        var cue = new Cue(kind, count, CueRules.Validate(kind, count, text, _limits), now);
        return Emit(new ClassEvent(NextSeq, now, ClassEventKind.CueGiven, actorId, Cue: cue));
    }

    /// <summary>A check-in, once the caller is known to be a member of the open class.</summary>
    private ClassEvent EmitCheckIn(string actorId, CheckInStatus status, int? stepIndex)
    {
        var step = stepIndex ?? _state.StepIndex;
        RequireStep(step);
        var now = Now;
        return Emit(new ClassEvent(NextSeq, now, ClassEventKind.CheckedIn, actorId, ParticipantId: actorId, CheckIn: new CheckIn(status, step, now)));
    }

    private void RequireInstructor(string actorId)
    {
        var entry = RequireMember(actorId);
        if (entry.Role != ParticipantRole.Instructor)
        {
            throw LiveClassException.Forbidden("only the instructor can do that");
        }
    }

    private void RequireStep(int index)
    {
        if (index < 0 || index >= Routine.Steps.Count)
        {
            throw LiveClassException.Invalid($"step index must be between 0 and {Routine.Steps.Count - 1}");
        }
    }

    private ClassEvent ChangeStatus(string actorId, ClassStatus from, ClassStatus to, string verb)
    {
        RequireInstructor(actorId);
        if (_state.Status != from)
        {
            throw LiveClassException.Invalid($"cannot {verb} a class that is {_state.Status}");
        }

        return Emit(new ClassEvent(NextSeq, Now, ClassEventKind.ClassStatusChanged, actorId, Status: to));
    }

    private ClassEvent EndClass(string? actorId) =>
        Emit(new ClassEvent(NextSeq, Now, ClassEventKind.ClassStatusChanged, actorId, Status: ClassStatus.Ended));
}
