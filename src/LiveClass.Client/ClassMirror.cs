using LiveClass.Contracts;

namespace LiveClass.Client;

/// <summary>
/// The class as a client shows it: a snapshot, then every event folded in, in seq order (a
/// <see cref="ClassSequencer"/> sees to the order). Not thread-safe: its owner serializes changes.
/// </summary>
public sealed class ClassMirror
{
    private readonly List<Participant> _participants = [];
    private readonly List<ChatMessage> _chat = [];

    /// <summary>The class's id; null before the first snapshot.</summary>
    public string? ClassId { get; private set; }

    /// <summary>The class's title; null before the first snapshot.</summary>
    public string? Title { get; private set; }

    /// <summary>The routine the class follows, step by step; null before the first snapshot.</summary>
    public Routine? Routine { get; private set; }

    /// <summary>Whether the class is in its lobby, live, paused or ended.</summary>
    public ClassStatus Status { get; private set; }

    /// <summary>The routine step everyone is on.</summary>
    public int StepIndex { get; private set; }

    /// <summary>The last pacing cue, if any.</summary>
    public Cue? Cue { get; private set; }

    /// <summary>The stroke tempo guide, if on.</summary>
    public Tempo? Tempo { get; private set; }

    /// <summary>The seq of the last event folded in, or of the snapshot.</summary>
    public long LastSeq { get; private set; }

    /// <summary>Whether a snapshot has been applied yet.</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>The class's participants, the instructor among them.</summary>
    public IReadOnlyList<Participant> Participants => _participants;

    /// <summary>The chat as it stands, oldest first.</summary>
    public IReadOnlyList<ChatMessage> Chat => _chat;

    /// <summary>Replaces the whole view with <paramref name="snapshot"/>.</summary>
    public void ApplySnapshot(ClassSnapshot snapshot)
    {
        ClassId = snapshot.ClassId;
        Title = snapshot.Title;
        Routine = snapshot.Routine;
        Status = snapshot.Status;
        StepIndex = snapshot.StepIndex;
        Cue = snapshot.Cue;
        Tempo = snapshot.Tempo;
        _participants.Clear();
        _participants.AddRange(snapshot.Participants);
        _chat.Clear();
        _chat.AddRange(snapshot.Chat);
        LastSeq = snapshot.Seq;
        HasSnapshot = true;
    }

    /// <summary>Folds in the next event.</summary>
    public void Apply(ClassEvent evt)
    {
        switch (evt.Kind)
        {
            case ClassEventKind.ParticipantJoined:
                _participants.RemoveAll(p => p.ParticipantId == evt.Participant!.ParticipantId);
                _participants.Add(evt.Participant!);
                break;
            case ClassEventKind.PresenceChanged:
                Update(evt.ParticipantId!, p => p with { Online = evt.Online!.Value });
                break;
            case ClassEventKind.ParticipantLeft or ClassEventKind.ParticipantRemoved:
                _participants.RemoveAll(p => p.ParticipantId == evt.ParticipantId);
                break;
            case ClassEventKind.ClassStatusChanged:
                Status = evt.Status!.Value;
                break;
            case ClassEventKind.StepChanged:
                StepIndex = evt.StepIndex!.Value;
                break;
            case ClassEventKind.CueGiven:
                Cue = evt.Cue;
                break;
            case ClassEventKind.TempoChanged:
                Tempo = evt.Tempo;
                break;
            case ClassEventKind.ChatPosted:
                _chat.Add(evt.Message!);
                break;
            case ClassEventKind.ChatDeleted:
                _chat.RemoveAll(m => m.MessageId == evt.MessageId);
                break;
            case ClassEventKind.CheckedIn:
                Update(evt.ParticipantId!, p => p with { CheckIn = evt.CheckIn });
                break;
        }

        LastSeq = evt.Seq;
    }

    private void Update(string participantId, Func<Participant, Participant> change)
    {
        var index = _participants.FindIndex(p => p.ParticipantId == participantId);
        if (index >= 0)
        {
            _participants[index] = change(_participants[index]);
        }
    }
}
