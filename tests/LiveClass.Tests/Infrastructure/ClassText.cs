using LiveClass.Contracts;

namespace LiveClass.Tests.Infrastructure;

/// <summary>A stable text form of everything a client shows, to compare a client's view with the server's snapshot.</summary>
public static class ClassText
{
    public static string Describe(this ClassMirror mirror) =>
        Describe(mirror.Status, mirror.StepIndex, mirror.Cue, mirror.Tempo, mirror.Participants, mirror.Chat, mirror.LastSeq);

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
}
