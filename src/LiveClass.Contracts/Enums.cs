namespace LiveClass.Contracts;

/// <summary>The part of the baby's body a step works on.</summary>
[GenerateSerializer]
public enum BodyArea { Legs, Feet, Tummy, Chest, Arms, Hands, Face, Back, GentleMovements, Relaxation }

[GenerateSerializer]
public enum ParticipantRole { Instructor, Parent }

[GenerateSerializer]
public enum ClassStatus { Lobby, Live, Paused, Ended }

[GenerateSerializer]
public enum CheckInStatus { Ready, Following, Done, Break, Sleeping, Fussy, NeedHelp, Away }

[GenerateSerializer]
public enum CueKind { Slow, Repeat, Pause, AskPermission, WatchCues, Break, Resume, Custom }

[GenerateSerializer]
public enum ClassEventKind
{
    ParticipantJoined,
    PresenceChanged,
    ParticipantLeft,
    ParticipantRemoved,
    ClassStatusChanged,
    StepChanged,
    CueGiven,
    TempoChanged,
    ChatPosted,
    ChatDeleted,
    CheckedIn,
}
