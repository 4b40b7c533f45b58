using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>
/// The one place where an event changes a class: its own state, its roster and chat, and the
/// attendance and check-in tallies kept for the recap. Commands decide; this applies.
/// </summary>
public sealed class ClassEventApplier(ClassSessionState state, RosterAndChat rosterAndChat)
{
    public void Apply(ClassEvent evt)
    {
        state.Seq = evt.Seq;
        state.LastActivityAt = evt.At;
        rosterAndChat.Apply(evt);
        switch (evt.Kind)
        {
            case ClassEventKind.ClassStatusChanged when evt.Status is { } status:
                ApplyStatus(status, evt.At);
                break;
            case ClassEventKind.StepChanged when evt.StepIndex is { } index:
                state.StepIndex = index;
                break;
            case ClassEventKind.CueGiven:
                state.Cue = evt.Cue;
                break;
            case ClassEventKind.TempoChanged:
                state.Tempo = evt.Tempo;
                break;
            case ClassEventKind.ParticipantJoined when evt.Participant is { } participant:
                RecordPresence(participant.ParticipantId, online: true, evt.At);
                break;
            case ClassEventKind.ParticipantLeft or ClassEventKind.ParticipantRemoved:
                RecordPresence(evt.ParticipantId, online: false, evt.At);
                break;
            case ClassEventKind.PresenceChanged when evt.Online is { } online:
                RecordPresence(evt.ParticipantId, online, evt.At);
                break;
            case ClassEventKind.CheckedIn when evt.CheckIn is { } checkIn && IsParent(evt.ParticipantId):
                Tally(evt.ParticipantId!, checkIn.StepIndex, checkIn.Status);
                break;
        }
    }

    private void ApplyStatus(ClassStatus status, long at)
    {
        state.Status = status;
        if (status == ClassStatus.Live)
        {
            state.StartedAt ??= at;
        }
        else if (status == ClassStatus.Ended)
        {
            state.EndedAt = at;
            state.Attendance = state.Attendance.ConvertAll(record => record.Offline(at));
        }
    }

    private bool IsParent(string? participantId) =>
        rosterAndChat.Roster.TryGet(participantId, out var entry) && entry.Role == ParticipantRole.Parent;

    /// <summary>Opens or closes a family's visit in the attendance kept for the recap.</summary>
    private void RecordPresence(string? participantId, bool online, long at)
    {
        if (!IsParent(participantId))
        {
            return;
        }

        var index = state.Attendance.FindIndex(a => a.ParticipantId == participantId);
        var record = index < 0
            ? new AttendanceRecord { ParticipantId = participantId!, FirstJoinedAt = at, LastSeenAt = at }
            : state.Attendance[index];
        state.Attendance = CopyOnWrite.With(state.Attendance, index, online ? record.Online(at) : record.Offline(at));
    }

    private void Tally(string participantId, int stepIndex, CheckInStatus status)
    {
        var tallies = state.CheckInTallies;
        var index = IndexOf(tallies, stepIndex, status);
        if (index < 0)
        {
            tallies.Add(new CheckInTally { StepIndex = stepIndex, Status = status }.With(participantId));
        }
        else
        {
            tallies[index] = tallies[index].With(participantId);
        }
    }

    // A loop, not FindIndex with a lambda: every check-in would allocate a closure and a delegate.
    private static int IndexOf(List<CheckInTally> tallies, int stepIndex, CheckInStatus status)
    {
        for (var i = 0; i < tallies.Count; i++)
        {
            if (tallies[i].StepIndex == stepIndex && tallies[i].Status == status)
            {
                return i;
            }
        }

        return -1;
    }
}
