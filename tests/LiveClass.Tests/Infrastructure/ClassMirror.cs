using LiveClass.Contracts;

namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// A client's copy of a class, kept the way PROTOCOL.md rule 1 asks: a snapshot, then events
/// applied strictly in seq order, duplicates dropped, gaps reported.
/// </summary>
public sealed class ClassMirror
{
    private readonly List<Participant> _participants = [];
    private readonly List<ChatMessage> _chat = [];

    public ClassStatus Status { get; private set; }
    public int StepIndex { get; private set; }
    public Cue? Cue { get; private set; }
    public Tempo? Tempo { get; private set; }
    public long LastSeq { get; private set; }
    public bool HasSnapshot { get; private set; }

    /// <summary>Every seq applied one by one since the last snapshot baseline.</summary>
    public List<long> Applied { get; } = [];

    public List<long> Baselines { get; } = [];

    public int DuplicatesDropped { get; private set; }

    public IReadOnlyList<Participant> Participants => _participants;

    public IReadOnlyList<ChatMessage> Chat => _chat;

    public void ApplySnapshot(ClassSnapshot snapshot)
    {
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
        Baselines.Add(snapshot.Seq);
    }

    public ApplyOutcome Apply(ClassEvent evt)
    {
        if (evt.Seq <= LastSeq)
        {
            DuplicatesDropped++;
            return ApplyOutcome.Duplicate;
        }

        if (evt.Seq != LastSeq + 1)
        {
            return ApplyOutcome.Gap;
        }

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
        Applied.Add(evt.Seq);
        return ApplyOutcome.Applied;
    }

    /// <summary>A stable text form of everything a client shows, for comparing with the server's snapshot.</summary>
    public string Describe() => Describe(Status, StepIndex, Cue, Tempo, _participants, _chat, LastSeq);

    public static string Describe(ClassSnapshot s) => Describe(s.Status, s.StepIndex, s.Cue, s.Tempo, s.Participants, s.Chat, s.Seq);

    private static string Describe(ClassStatus status, int step, Cue? cue, Tempo? tempo,
        IEnumerable<Participant> participants, IEnumerable<ChatMessage> chat, long seq)
    {
        var people = participants.OrderBy(p => p.ParticipantId, StringComparer.Ordinal)
            .Select(p => $"{p.ParticipantId}|{p.DisplayName}|{p.Role}|{p.Online}|{p.CheckIn}");
        var lines = chat.Select(m => $"{m.MessageId}|{m.ParticipantId}|{m.Text}");
        return $"seq={seq} status={status} step={step} cue={cue} tempo={tempo}\n"
            + string.Join("\n", people) + "\n--\n" + string.Join("\n", lines);
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

public enum ApplyOutcome { Applied, Duplicate, Gap }
