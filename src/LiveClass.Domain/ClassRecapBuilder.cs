using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>The class as its instructor looks back on it, from the attendance and tallies kept as it went.</summary>
internal static class ClassRecapBuilder
{
    public static ClassRecap Build(ClassSessionState state, RosterAndChat rosterAndChat, Routine routine, long? keptUntil, long now)
    {
        var families = state.Attendance
            .Select(a => rosterAndChat.Roster.TryGet(a.ParticipantId, out var entry)
                ? new RecapFamily(a.ParticipantId, entry.DisplayName, a.FirstJoinedAt, a.LastSeenAt, a.OnlineMsAt(now), entry.Status.ToString())
                : null)
            .OfType<RecapFamily>()
            .ToArray();
        var byStep = state.CheckInTallies
            .GroupBy(t => t.StepIndex)
            .OrderBy(g => g.Key)
            .Where(g => g.Key >= 0 && g.Key < routine.Steps.Count)
            .Select(g => new RecapStepCheckIns(
                g.Key,
                routine.Steps[g.Key].Area,
                routine.Steps[g.Key].Name,
                g.OrderBy(t => t.Status).Select(t => new RecapCheckInCount(t.Status, t.Count, t.ParticipantIds.ToArray())).ToArray()))
            .ToArray();
        return new ClassRecap(
            state.ClassId, state.Title, state.InstructorName, state.Status, routine.Id, routine.Name,
            state.CreatedAt, state.StartedAt, state.EndedAt, keptUntil, families, byStep, rosterAndChat.Chat.Messages.ToArray());
    }
}
