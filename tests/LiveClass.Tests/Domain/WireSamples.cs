using System.Text.Json;
using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;
using LiveClass.Domain.Routines;

namespace LiveClass.Tests.Domain;

/// <summary>Contract messages for the wire format tests, with the field names the protocol promises.</summary>
internal static class WireSamples
{
    public const long At = 1_767_000_000_123;

    /// <summary>JSON options set up as the hub and the HTTP API set theirs.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static readonly string[] EventKeys =
    [
        "seq", "at", "kind", "actorId", "participant", "participantId", "online", "status",
        "stepIndex", "step", "cue", "tempo", "message", "messageId", "checkIn",
    ];

    public static readonly string[] JoinResultKeys = ["participantId", "rejoinToken", "role", "snapshot"];

    public static readonly string[] SnapshotKeys =
    [
        "classId", "title", "instructorName", "status", "routine", "stepIndex", "cue", "tempo",
        "participants", "chat", "seq", "serverTime", "joinCode",
    ];

    public static readonly string[] ParticipantKeys = ["participantId", "displayName", "role", "online", "checkIn"];

    public static readonly string[] StepKeys = ["index", "area", "name", "instructions", "repetitions", "dollPose", "cues"];

    public static ClassEvent ChatPosted => new(
        42, At, ClassEventKind.ChatPosted, "parent-1",
        Message: new ChatMessage("msg-1", "parent-1", "Sam", "Hello \"there\" <b>", At));

    public static ClassEvent StepChanged => new(
        43, At, ClassEventKind.StepChanged, "instructor", StepIndex: 2, Step: RoutineCatalog.FullBody.Steps[2]);

    public static ClassEvent CheckedIn => new(
        44, At, ClassEventKind.CheckedIn, "parent-1", ParticipantId: "parent-1",
        CheckIn: new CheckIn(CheckInStatus.NeedHelp, 3, At));

    public static ClassEvent CueGiven => new(45, At, ClassEventKind.CueGiven, "instructor", Cue: new Cue(CueKind.Repeat, 3, null, At));

    public static ClassEvent PresenceChanged => new(46, At, ClassEventKind.PresenceChanged, null, ParticipantId: "parent-1", Online: false);

    public static ClassEvent StatusChanged => new(47, At, ClassEventKind.ClassStatusChanged, null, Status: ClassStatus.Paused);

    public static JoinResult JoinResult => new(
        "parent-1",
        "class-1.parent-1.secret",
        ParticipantRole.Parent,
        new ClassSnapshot(
            "class-1",
            "Week 1",
            "Maya",
            ClassStatus.Live,
            RoutineCatalog.FullBody,
            2,
            new Cue(CueKind.Custom, null, "Warm your hands", At),
            null,
            [
                new Participant("instructor", "Maya", ParticipantRole.Instructor, true, null),
                new Participant("parent-1", "Sam", ParticipantRole.Parent, false, new CheckIn(CheckInStatus.Ready, 2, At)),
            ],
            [new ChatMessage("msg-1", "parent-1", "Sam", "hi", At)],
            48,
            At + 5,
            "KQ7-M4P"));

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        WireFormats.ConfigureJson(options);
        return options;
    }
}
