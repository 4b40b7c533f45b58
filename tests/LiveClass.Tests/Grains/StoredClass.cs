using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains.Journal;
using LiveClass.Grains.Sessions;
using LiveClass.Tests.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

/// <summary>
/// One class's storage as bytes, written through the Orleans serializer as the grain's storage
/// does: its state, its roster and chat, and its sealed log segments. Opens a
/// <see cref="ClassSessionStore"/> over them, as an activation does.
/// </summary>
internal sealed class StoredClass(ClassLimits limits, TimeProvider time)
{
    public StoredState<ClassSessionState> Main { get; } = new();

    public StoredState<RosterAndChatState> RosterAndChat { get; } = new();

    public Dictionary<long, StoredState<ClassLogSegmentState>> Segments { get; } = [];

    public ClassSessionStore Open() => new(Main.Open(), RosterAndChat.Open(), Segment, limits, time, NullLogger.Instance);

    /// <summary>Opens the store as an activation on a silo with this journal does.</summary>
    public ClassSessionStore Open(SiloJournal journal, JournalReader reader) =>
        new(Main.Open(), RosterAndChat.Open(), Segment, limits, time, NullLogger.Instance, journal, reader);

    /// <summary>Opens the store as an activation on a silo whose classes write their state behind does.</summary>
    public ClassSessionStore Open(TimeSpan writeBehind) =>
        new(Main.Open(), RosterAndChat.Open(), Segment, limits, time, NullLogger.Instance, writeBehind: writeBehind);

    /// <summary>Opens the store on a new class and creates it with the harness's class and its instructor, written.</summary>
    public Task<(ClassSessionStore Store, ClassSession Session)> CreateAsync() => CreateOnAsync(Open());

    /// <summary>The same, written behind.</summary>
    public Task<(ClassSessionStore Store, ClassSession Session)> CreateAsync(TimeSpan writeBehind) => CreateOnAsync(Open(writeBehind));

    /// <summary>The same, on a silo with this journal.</summary>
    public Task<(ClassSessionStore Store, ClassSession Session)> CreateAsync(SiloJournal journal, JournalReader reader) =>
        CreateOnAsync(Open(journal, reader));

    private static async Task<(ClassSessionStore Store, ClassSession Session)> CreateOnAsync(ClassSessionStore store)
    {
        var session = await store.LoadAsync();
        session.Create(ClassHarness.ClassId, ClassHarness.Title, ClassHarness.InstructorName, RoutineCatalog.FullBody,
            ClassHarness.JoinCode, Secrets.Hash(ClassHarness.InstructorKey), ClassHarness.InstructorId);
        session.AdmitInstructor();
        await WriteAsync(store);
        return (store, session);
    }

    /// <summary>
    /// A short lesson on a created class, in two commits: Sam is admitted as the class starts,
    /// then chats "hello", checks in as sleeping, and the instructor moves to step 2. Returns the
    /// chat's seq.
    /// </summary>
    public static async Task<long> RunShortLessonAsync(ClassSessionStore store, ClassSession session)
    {
        session.Start(ClassHarness.InstructorId);
        session.AdmitParent("sam", "Sam");
        await WriteAsync(store);
        var chatSeq = session.PostChat("sam", "sam-1", "hello");
        session.CheckIn("sam", CheckInStatus.Sleeping, null);
        session.GoToStep(ClassHarness.InstructorId, 2);
        await WriteAsync(store);
        return chatSeq;
    }

    /// <summary>Writes as the grain does: the state, then what is tidied after it.</summary>
    public static async Task WriteAsync(ClassSessionStore store)
    {
        await store.WriteAsync();
        await store.TidyAsync();
    }

    private SegmentRecord Segment(LogSegment segment)
    {
        if (!Segments.TryGetValue(segment.FirstSeq, out var stored))
        {
            Segments[segment.FirstSeq] = stored = new StoredState<ClassLogSegmentState>();
        }

        return new SegmentRecord(stored);
    }

    private sealed class SegmentRecord(StoredState<ClassLogSegmentState> stored) : IStoredLogSegment
    {
        public Task Store(IReadOnlyList<ClassEvent> events)
        {
            var state = stored.Open();
            state.State.Events = [.. events];
            return state.WriteStateAsync();
        }

        public Task<IReadOnlyList<ClassEvent>> Load() => Task.FromResult<IReadOnlyList<ClassEvent>>(stored.Open().State.Events);

        public Task Delete() => stored.Open().ClearStateAsync();
    }
}

/// <summary>
/// One stored record as bytes, with a version as storage's ETag: a handle writes only over the
/// version it last read or wrote. <see cref="FailWrites"/> makes the next writes fail, as a storage
/// outage does; <see cref="LoseAnswers"/> stores the next writes and then fails them, as a request
/// whose answer never arrives; <see cref="HoldReads"/> keeps reads from answering until it completes.
/// </summary>
internal sealed class StoredState<T> where T : class, new()
{
    private int _version;

    public byte[]? Bytes { get; private set; }

    public int Writes { get; private set; }

    public int FailWrites { get; set; }

    public int LoseAnswers { get; set; }

    public TaskCompletionSource? HoldReads { get; set; }

    public T? Read() => Bytes is null ? null : StateCodecs.Serializer.Deserialize<T>(Bytes);

    public IPersistentState<T> Open() => new Handle(this) { State = Read() ?? new T(), Version = _version };

    private sealed class Handle(StoredState<T> stored) : IPersistentState<T>
    {
        public T State { get; set; } = new();

        public int Version { get; set; }

        public string? Etag => null;

        public bool RecordExists => stored.Bytes is not null;

        public Task ClearStateAsync()
        {
            stored.Bytes = null;
            Version = ++stored._version;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            if (stored.FailWrites > 0)
            {
                stored.FailWrites--;
                throw new IOException("storage is not answering");
            }

            if (Version != stored._version)
            {
                throw new InconsistentStateException($"stored version {stored._version}, written from {Version}");
            }

            stored.Bytes = StateCodecs.Serializer.SerializeToArray(State);
            stored.Writes++;
            stored._version++;
            if (stored.LoseAnswers > 0)
            {
                stored.LoseAnswers--;
                throw new TimeoutException("the answer to a write that was stored never arrived");
            }

            Version = stored._version;
            return Task.CompletedTask;
        }

        public async Task ReadStateAsync()
        {
            var read = stored.Read() ?? new T();
            var version = stored._version;
            State = read;
            if (stored.HoldReads is { } hold)
            {
                await hold.Task;
            }

            Version = version;
        }
    }
}
