using LiveClass.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Bench.Baseline;

/// <summary>
/// The same calls and the same <c>ClassEvent</c> messages as LiveClass's hub, minus everything
/// LiveClass adds: no grains, no persistence, no roster, no rule beyond the shape of a call. Each
/// change gets the group's next seq and its time, and is sent to the group before the call returns.
/// A rejoin gets a snapshot (this server keeps no event log), which the protocol allows.
/// </summary>
public sealed class RelayHub(RelayGroups groups) : Hub
{
    private const string GroupKey = "group";
    private const string ParticipantKey = "participant";
    private const string NameKey = "name";

    public Task<JoinResult> JoinAsInstructor(string? classId, string? instructorKey) =>
        Join(classId ?? "", "instructor", "Instructor", ParticipantRole.Instructor);

    public Task<JoinResult> JoinAsParent(string? joinCode, string? displayName) =>
        Join(joinCode ?? "", $"p{Guid.NewGuid():N}"[..17], displayName ?? "Parent", ParticipantRole.Parent);

    public async Task<RejoinResult> Rejoin(string? rejoinToken, long lastSeq)
    {
        var parts = (rejoinToken ?? "").Split('|');
        if (parts.Length != 3)
        {
            throw new HubException("forbidden: this rejoin token is not valid");
        }

        var group = groups.Get(parts[0]);
        Bind(group, parts[1], parts[2]);
        await Groups.AddToGroupAsync(Context.ConnectionId, group.Id);
        return new RejoinResult(parts[1], ParticipantRole.Parent, group.Snapshot(group.Seq), []);
    }

    public Task<long> StartClass() => Publish(new ClassEvent(0, 0, ClassEventKind.ClassStatusChanged, Actor, Status: ClassStatus.Live));

    public Task<long> PauseClass() => Publish(new ClassEvent(0, 0, ClassEventKind.ClassStatusChanged, Actor, Status: ClassStatus.Paused));

    public Task<long> ResumeClass() => Publish(new ClassEvent(0, 0, ClassEventKind.ClassStatusChanged, Actor, Status: ClassStatus.Live));

    public Task<long> EndClass() => Publish(new ClassEvent(0, 0, ClassEventKind.ClassStatusChanged, Actor, Status: ClassStatus.Ended));

    public Task<long> GoToStep(int index)
    {
        var steps = Group.Routine.Steps;
        if (index < 0 || index >= steps.Count)
        {
            throw new HubException("invalid: no such step");
        }

        return Publish(new ClassEvent(0, 0, ClassEventKind.StepChanged, Actor, StepIndex: index, Step: steps[index]));
    }

    public Task<long> SendCue(string? kind, int? count, string? text) =>
        Publish(new ClassEvent(0, 0, ClassEventKind.CueGiven, Actor,
            Cue: new Cue(Enum.Parse<CueKind>(kind ?? nameof(CueKind.Slow)), count, text, Now)));

    public Task<long> SetTempo(int strokesPerMinute) =>
        Publish(new ClassEvent(0, 0, ClassEventKind.TempoChanged, Actor, Tempo: new Tempo(strokesPerMinute, Now)));

    public Task<long> SendChat(string? clientMessageId, string? text) =>
        Publish(new ClassEvent(0, 0, ClassEventKind.ChatPosted, Actor,
            Message: new ChatMessage(Guid.NewGuid().ToString("N")[..16], Actor!, (string)Context.Items[NameKey]!, text ?? "", Now)));

    public Task<long> CheckIn(string? status, int? stepIndex) =>
        Publish(new ClassEvent(0, 0, ClassEventKind.CheckedIn, Actor, ParticipantId: Actor,
            CheckIn: new CheckIn(Enum.Parse<CheckInStatus>(status ?? nameof(CheckInStatus.Ready)), stepIndex ?? 0, Now)));

    public Task Leave() => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group.Id);

    public PingResult Ping(long clientTime) => new(clientTime, Now);

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private string? Actor => Context.Items.TryGetValue(ParticipantKey, out var id) ? (string?)id : null;

    private RelayGroup Group => Context.Items.TryGetValue(GroupKey, out var group)
        ? (RelayGroup)group!
        : throw new HubException("not_joined: join a class first");

    private async Task<JoinResult> Join(string groupId, string participantId, string displayName, ParticipantRole role)
    {
        var group = groups.Get(groupId);
        Bind(group, participantId, displayName);
        await Groups.AddToGroupAsync(Context.ConnectionId, group.Id);
        var seq = await Publish(new ClassEvent(0, 0, ClassEventKind.ParticipantJoined, participantId,
            Participant: new Participant(participantId, displayName, role, true, null)));
        return new JoinResult(participantId, $"{group.Id}|{participantId}|{displayName}", role, group.Snapshot(seq));
    }

    private void Bind(RelayGroup group, string participantId, string displayName)
    {
        Context.Items[GroupKey] = group;
        Context.Items[ParticipantKey] = participantId;
        Context.Items[NameKey] = displayName;
    }

    /// <summary>Stamps the next seq and the time under the group's gate and sends, so the group sees seq order.</summary>
    private async Task<long> Publish(ClassEvent draft)
    {
        var group = Group;
        await group.SendGate.WaitAsync();
        try
        {
            var evt = draft with { Seq = group.NextSeq(), At = Now };
            await Clients.Group(group.Id).SendAsync(HubNames.ClassEventMethod, evt);
            return evt.Seq;
        }
        finally
        {
            group.SendGate.Release();
        }
    }
}
