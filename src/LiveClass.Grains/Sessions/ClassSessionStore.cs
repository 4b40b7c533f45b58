using LiveClass.Contracts;
using LiveClass.Domain;
using Microsoft.Extensions.Logging;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// How one class is laid out in storage. The class's own state is written with every commit and
/// carries only the newest events (the log's tail) and the chat receipts since roster and chat were
/// last stored; older events are sealed into log segments stored once each; roster, chat and
/// receipts are stored apart every <see cref="ClassLimits.EventLogSegmentSize"/> events, and the
/// events logged since are replayed onto them on load. States of earlier versions are upgraded here.
/// </summary>
public sealed partial class ClassSessionStore(
    IPersistentState<ClassSessionState> state,
    IPersistentState<RosterAndChatState> rosterAndChat,
    Func<LogSegment, IStoredLogSegment> segments,
    ClassLimits limits,
    TimeProvider time,
    ILogger logger)
{
    private RosterAndChat _live = RosterAndChat.Empty(limits);
    private ClassEventLog _log = null!;
    private long _storedSeq;
    private bool _mustStore;
    private RosterAndChatState? _toStore;
    private IReadOnlyList<LogSegment> _unreferenced = [];

    public ClassSessionState State => state.State;

    /// <summary>The seq of the oldest event the log still holds, if any.</summary>
    public long? OldestSeq => _log.OldestSeq;

    /// <summary>The seq up to which the stored roster and chat hold every change.</summary>
    public long StoredRosterAndChatSeq => _storedSeq;

    /// <summary>False when the log no longer held every event after the stored roster and chat, so some of those changes are missing.</summary>
    public bool RosterAndChatCaughtUp { get; private set; } = true;

    /// <summary>Roster and chat are stored every this many events (with the log's segments), not with every change.</summary>
    private int RosterAndChatInterval => Math.Max(1, limits.EventLogSegmentSize);

    /// <summary>Reads the class back: its state upgraded to the current version, its log whole again, roster and chat caught up.</summary>
    public async Task<ClassSession> LoadAsync()
    {
        var loaded = state.State;
        var stored = Upgrade(loaded) ?? (rosterAndChat.RecordExists ? rosterAndChat.State : new RosterAndChatState());
        _storedSeq = stored.Seq;
        _log = new ClassEventLog(loaded, limits.EventLogCapacity, limits.EventLogSegmentSize, await LoadSegmentsAsync(loaded));
        var receipts = stored.ChatReceipts.Concat(loaded.ChatReceipts.Where(r => r.Seq > stored.Seq));
        _live = new RosterAndChat(stored.Roster, stored.Chat, receipts, limits);
        RosterAndChatCaughtUp = CatchUp(stored.Seq);
        if (!RosterAndChatCaughtUp)
        {
            LogRosterAndChatBehind(logger, loaded.ClassId, _storedSeq);
        }

        if (_mustStore)
        {
            // An older state will be written next without its roster and chat: store them first.
            await StoreRosterAndChatAsync(TakeRosterAndChat(), throwOnFailure: true);
        }

        return new ClassSession(loaded, _live, _log, limits, time);
    }

    /// <summary>
    /// Writes the class as it is now: full segments of its oldest unsealed events first, then its
    /// state. Returns the seq written; a failure leaves memory ahead of storage and is thrown.
    /// </summary>
    public async Task<long> WriteAsync()
    {
        while (_log.TryTakeSegmentToSeal(out var segment, out var events))
        {
            await segments(segment).Store(events);
            _log.Sealed(segment);
        }

        var current = state.State;
        _toStore = current.IsCreated && (_mustStore || current.Seq - _storedSeq >= RosterAndChatInterval) ? TakeRosterAndChat() : null;
        _unreferenced = _log.TakeUnreferencedSegments();
        current.ChatReceipts = _live.Receipts.After(_storedSeq);
        await state.WriteStateAsync();
        return current.Seq;
    }

    /// <summary>
    /// After a write: deletes the segments the written state no longer refers to, and stores roster
    /// and chat when they are due. Neither failure loses anything; both are tried again later.
    /// </summary>
    public async Task TidyAsync()
    {
        var classId = state.State.ClassId;
        foreach (var segment in _unreferenced)
        {
            _ = DeleteSegmentAsync(classId, segment);
        }

        _unreferenced = [];
        if (_toStore is { } toStore)
        {
            _toStore = null;
            await StoreRosterAndChatAsync(toStore, throwOnFailure: false);
        }
    }

    /// <summary>Deletes everything the class stored, its own state last; returns a session for a class not yet created.</summary>
    public async Task<ClassSession> ClearAsync()
    {
        await Task.WhenAll(state.State.LogSegments.Select(segment => segments(segment).Delete()));
        await rosterAndChat.ClearStateAsync();
        await state.ClearStateAsync();

        rosterAndChat.State = new RosterAndChatState();
        state.State = new ClassSessionState();
        return await LoadAsync();
    }

    /// <summary>Before version 4 the class's own state held its roster, chat and receipts: they move out and are stored first.</summary>
    private RosterAndChatState? Upgrade(ClassSessionState loaded)
    {
        _mustStore = false;
        if (loaded.Version >= 4)
        {
            return null;
        }

        var moved = new RosterAndChatState { Seq = loaded.Seq, Roster = loaded.Roster, Chat = loaded.Chat, ChatReceipts = loaded.ChatReceipts };
        loaded.Roster = [];
        loaded.Chat = [];
        loaded.ChatReceipts = [];
        loaded.Version = ClassSessionState.CurrentVersion;
        _mustStore = loaded.IsCreated;
        return moved;
    }

    /// <summary>Replays the logged events after the stored roster and chat onto them; false if the log no longer has them all.</summary>
    private bool CatchUp(long from)
    {
        if (from >= state.State.Seq)
        {
            return true;
        }

        if (!_log.TryGetAfter(from, int.MaxValue, out var events))
        {
            return false;
        }

        foreach (var evt in events)
        {
            _live.Apply(evt);
        }

        return true;
    }

    /// <summary>A copy of roster, chat and receipts as of the state's seq.</summary>
    private RosterAndChatState TakeRosterAndChat() => new()
    {
        Seq = state.State.Seq,
        Roster = _live.Roster.Entries.Select(e => e.Copy()).ToList(),
        Chat = [.. _live.Chat.Messages],
        ChatReceipts = [.. _live.Receipts.Items.TakeLast(limits.EventLogCapacity)],
    };

    /// <summary>
    /// Stores roster and chat as of a seq the state already holds. A failure loses nothing (the
    /// state's log still has every later event) and is tried again after the next write.
    /// </summary>
    private async Task StoreRosterAndChatAsync(RosterAndChatState toStore, bool throwOnFailure)
    {
        try
        {
            rosterAndChat.State = toStore;
            await rosterAndChat.WriteStateAsync();
            _storedSeq = toStore.Seq;
            _mustStore = false;
        }
        catch (Exception exception) when (!throwOnFailure)
        {
            LogRosterAndChatStoreFailed(logger, exception, state.State.ClassId);
        }
    }

    private async Task<IReadOnlyList<IReadOnlyList<ClassEvent>>> LoadSegmentsAsync(ClassSessionState loaded) =>
        loaded.LogSegments.Count == 0 ? [] : await Task.WhenAll(loaded.LogSegments.Select(segment => segments(segment).Load()));

    /// <summary>Deletes a segment nothing refers to any more; one left behind only takes storage.</summary>
    private async Task DeleteSegmentAsync(string classId, LogSegment segment)
    {
        try
        {
            await segments(segment).Delete();
        }
        catch (Exception exception)
        {
            LogSegmentDeleteFailed(logger, exception, classId, segment.FirstSeq);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the roster and chat of class {ClassId} failed; trying again after the next write")]
    private static partial void LogRosterAndChatStoreFailed(ILogger logger, Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Class {ClassId} lost roster and chat changes after seq {Seq}: its log no longer held them")]
    private static partial void LogRosterAndChatBehind(ILogger logger, string classId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting log segment {FirstSeq} of class {ClassId} failed")]
    private static partial void LogSegmentDeleteFailed(ILogger logger, Exception exception, string classId, long firstSeq);
}
