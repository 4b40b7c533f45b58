using LiveClass.Contracts;

namespace LiveClass.Grains;

/// <summary>The single source of truth for one class, keyed by its class id.</summary>
public interface IClassSessionGrain : IGrainWithStringKey
{
    Task Create(NewClass newClass);

    /// <summary>The class as the join page shows it, or null when no class has this id.</summary>
    Task<ClassSummary?> GetSummary();

    Task<ClassSnapshot> GetSnapshot();

    /// <summary>The class's recap for its instructor; fails with forbidden unless the key is the class's.</summary>
    Task<ClassRecap> GetRecap(string? instructorKey);

    Task<JoinResult> JoinAsInstructor(string? instructorKey);

    Task<JoinResult> JoinAsParent(string? displayName);

    Task<RejoinResult> Rejoin(string participantId, long lastSeq);

    Task<long> StartClass(string actorId);

    Task<long> PauseClass(string actorId);

    Task<long> ResumeClass(string actorId);

    Task<long> EndClass(string actorId);

    // As the client sent them: the class checks the actor and its status before the arguments.
    Task<long> GoToStep(string actorId, int? index);

    Task<long> SendCue(string actorId, string? kind, int? count, string? text);

    Task<long> SetTempo(string actorId, int? strokesPerMinute);

    Task<long> RemoveParticipant(string actorId, string? participantId);

    Task<long> DeleteChat(string actorId, string? messageId);

    Task<long> SendChat(string actorId, string? clientMessageId, string? text);

    Task<long> CheckIn(string actorId, string? status, int? stepIndex);

    Task Leave(string actorId);

    /// <summary>How many connections <paramref name="siloId"/> holds for one participant, as an absolute count.</summary>
    Task ReportPresence(string siloId, string participantId, int connections);

    /// <summary>
    /// Subscribes (or renews) a silo's bridge: it receives every committed event after
    /// <paramref name="lastSeq"/> (or after now, when null), in order. Also replaces that silo's
    /// connection counts. Returns the seq the bridge is up to.
    /// </summary>
    /// <remarks>Bridges of an earlier version call this; their events come one call per class.</remarks>
    Task<long> Subscribe(string siloId, IClassEventObserver observer, long? lastSeq, IReadOnlyDictionary<string, int> connections);

    /// <summary>
    /// As <see cref="Subscribe"/>, with the silo's <paramref name="sink"/>: the class's events then
    /// travel to that silo together with those of every other class on this class's silo.
    /// </summary>
    Task<long> SubscribeBatched(string siloId, IClassEventObserver observer, ISiloEventSink sink, long? lastSeq, IReadOnlyDictionary<string, int> connections);

    Task Unsubscribe(string siloId);

    /// <summary>
    /// The durable events after <paramref name="afterSeq"/>, in order (at most one fan-out batch),
    /// for a bridge that found a gap; null when the log no longer holds the one after it.
    /// </summary>
    Task<IReadOnlyList<ClassEvent>?> GetEventsAfter(long afterSeq);

    /// <summary>
    /// Writes the class's own state if what is stored still names the journal
    /// <paramref name="journalId"/>, so that the journal's chunks can be deleted.
    /// </summary>
    Task LetGoOfJournal(string journalId);
}
