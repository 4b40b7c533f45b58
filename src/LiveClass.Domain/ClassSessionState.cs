using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>
/// The persisted state of one class. Field ids are stable: add new fields with new ids and bump
/// <see cref="Version"/> when a migration on load is needed (the grains' class store upgrades older
/// states; the cluster tests keep a stored fixture of every version).
/// </summary>
[GenerateSerializer]
public sealed class ClassSessionState
{
    /// <summary>
    /// Version 2 keeps the routine's id instead of a copy of the routine; version 3 keeps older
    /// events in sealed <see cref="LogSegments"/> and only the newer ones in <see cref="Log"/>;
    /// version 4 keeps the roster and chat in a <see cref="RosterAndChatState"/> of their own and
    /// here only the chat receipts newer than that.
    /// </summary>
    public const int CurrentVersion = 4;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public string ClassId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public string InstructorName { get; set; } = "";
    [Id(4)] public string JoinCode { get; set; } = "";
    [Id(5)] public string InstructorKeyHash { get; set; } = "";
    [Id(6)] public string InstructorId { get; set; } = "";
    /// <summary>The routine itself, as version 1 stored it; version 2 stores only <see cref="RoutineId"/>.</summary>
    [Id(7)] public Routine? Routine { get; set; }
    [Id(8)] public ClassStatus Status { get; set; }
    [Id(9)] public int StepIndex { get; set; }
    [Id(10)] public Cue? Cue { get; set; }
    [Id(11)] public Tempo? Tempo { get; set; }
    [Id(12)] public long Seq { get; set; }
    [Id(13)] public long CreatedAt { get; set; }
    [Id(14)] public long LastActivityAt { get; set; }
    [Id(15)] public long? EndedAt { get; set; }
    /// <summary>Until version 4; since then in <see cref="RosterAndChatState"/>.</summary>
    [Id(16)] public List<RosterEntry> Roster { get; set; } = [];
    /// <summary>Until version 4; since then in <see cref="RosterAndChatState"/>.</summary>
    [Id(17)] public List<ChatMessage> Chat { get; set; } = [];
    /// <summary>The events since the last sealed segment (before version 3: every event kept).</summary>
    [Id(18)] public List<ClassEvent> Log { get; set; } = [];
    /// <summary>
    /// Until version 4 every kept receipt; since then those after <see cref="RosterAndChatState.Seq"/>.
    /// Each write sets a new list, so copies of the state share it.
    /// </summary>
    [Id(19), Immutable] public List<ChatReceipt> ChatReceipts { get; set; } = [];

    /// <summary>The routine from the built-in catalog; kept by id so each write does not carry every step's text.</summary>
    [Id(20)] public string RoutineId { get; set; } = "";

    /// <summary>The stored segments of older events, oldest first; the last one ends where <see cref="Log"/> begins.</summary>
    [Id(21)] public List<LogSegment> LogSegments { get; set; } = [];

    /// <summary>When the class first went live.</summary>
    [Id(22)] public long? StartedAt { get; set; }

    /// <summary>
    /// Each family's time in the class, in the order they first joined, for the recap. Replaced,
    /// never changed in place (<see cref="CopyOnWrite"/>), so the copy of the state that memory
    /// storage keeps when the state is written shares it instead of copying it.
    /// </summary>
    [Id(23), Immutable] public List<AttendanceRecord> Attendance { get; set; } = [];

    /// <summary>
    /// Check-ins counted by step and status as they are made, for the recap. Changed in place, one
    /// check-in at a time: a copy of the whole list at each would cost more than the copy that
    /// memory storage takes when the state is written, which is far less often than a check-in.
    /// </summary>
    [Id(24)] public List<CheckInTally> CheckInTallies { get; set; } = [];

    /// <summary>
    /// Where the events committed after this state was written are journaled, if anywhere: they
    /// are replayed from there when the class is loaded. A state written without a journal, or
    /// by a class that closed properly, names none.
    /// </summary>
    [Id(25)] public JournalPosition? Journal { get; set; }

    /// <summary>
    /// Tells this write from every other: a write whose answer was lost is read back, and a stored
    /// state with the same id was stored by that write (a state written before it has none).
    /// </summary>
    [Id(26)] public Guid WriteId { get; set; }

    public bool IsCreated => ClassId.Length > 0;
}
