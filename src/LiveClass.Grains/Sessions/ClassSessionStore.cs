using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains.Journal;
using Microsoft.Extensions.Logging;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// How one class is laid out in storage. The class's own state carries only the newest events (the
/// log's tail) and the chat receipts since roster and chat were last stored; older events are
/// sealed into log segments stored once each; roster, chat and receipts are stored apart every
/// <see cref="ClassLimits.EventLogSegmentSize"/> events, and the events logged since are replayed
/// onto them on load. With a <see cref="SiloJournal"/>, a commit in between goes to the silo's
/// journal instead of rewriting the state, and the state names where in the journal its later
/// events are; they are replayed on load. Written behind, a commit in between is kept in the
/// class's memory only. States of earlier versions are upgraded here.
/// </summary>
/// <param name="journal">Optional: without it (or <paramref name="writeBehind"/>) every commit writes the state.</param>
/// <param name="journalReader">Needed to load a state that names a journal.</param>
/// <param name="writeBehind">
/// Only for storage in the silo's own memory, which ends with the silo as the class's memory does:
/// how often the state is written. A commit in between is answered without a write; the state is
/// written when this is due and when the class closes, so that its next activation reads it all.
/// </param>
public sealed partial class ClassSessionStore(
    IPersistentState<ClassSessionState> state,
    IPersistentState<RosterAndChatState> rosterAndChat,
    Func<LogSegment, IStoredLogSegment> segments,
    ClassLimits limits,
    TimeProvider time,
    ILogger logger,
    SiloJournal? journal = null,
    JournalReader? journalReader = null,
    TimeSpan? writeBehind = null)
{
    private RosterAndChat _live = RosterAndChat.Empty(limits);
    private ClassSessionState _current = null!;
    private ClassEventLog _log = null!;
    private long _storedSeq;
    private bool _mustStore;
    private RosterAndChatState? _toStore;
    private IReadOnlyList<LogSegment> _unreferenced = [];
    private long _writtenSeq;
    private long _stateSeq;
    private DateTimeOffset? _stateBehindSince;
    private bool _checkpoint;
    private bool _closing;

    /// <summary>
    /// The state the session changes. Not the handle's: reading a write back swaps the handle's
    /// state for a moment, and a turn in between must not take the stored seq for the class's.
    /// </summary>
    public ClassSessionState State => _current;

    /// <summary>The seq of the oldest event the log still holds, if any.</summary>
    public long? OldestSeq => _log.OldestSeq;

    /// <summary>The seq up to which the stored roster and chat hold every change.</summary>
    public long StoredRosterAndChatSeq => _storedSeq;

    /// <summary>False when the log no longer held every event after the stored roster and chat, so some of those changes are missing.</summary>
    public bool RosterAndChatCaughtUp { get; private set; } = true;

    /// <summary>True when committed events have been only in the journal (or memory) for the checkpoint interval: the state should be written.</summary>
    public bool CheckpointDue => _stateBehindSince is { } since && CheckpointInterval is { } interval && time.GetUtcNow() - since >= interval;

    /// <summary>
    /// True while the stored state names a journal or lacks committed events: the class writes it
    /// once more before it closes.
    /// </summary>
    public bool MustWriteOnClose => _current.Journal is not null || _stateSeq < _current.Seq;

    private TimeSpan? CheckpointInterval => journal?.CheckpointInterval ?? writeBehind;

    /// <summary>The next write writes the state (and so takes the class's events out of the journal).</summary>
    public void RequestCheckpoint() => _checkpoint = true;

    /// <summary>The next write is the last of this activation: the state, naming no journal.</summary>
    public void Close() => _checkpoint = _closing = true;

    /// <summary>Roster and chat are stored every this many events (with the log's segments), not with every change.</summary>
    private int RosterAndChatInterval => Math.Max(1, limits.EventLogSegmentSize);

    /// <summary>Reads the class back: its state upgraded to the current version, its log whole again, roster and chat caught up.</summary>
    public async Task<ClassSession> LoadAsync()
    {
        var loaded = _current = state.State;
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

        var session = new ClassSession(loaded, _live, _log, limits, time);
        var position = loaded.Journal;
        if (position is not null)
        {
            await ReplayAsync(session, position);
        }

        if (_mustStore)
        {
            // An older state will be written next without its roster and chat: store them first.
            await StoreRosterAndChatAsync(TakeRosterAndChat(), throwOnFailure: true);
        }

        _writtenSeq = _stateSeq = loaded.Seq;
        _stateBehindSince = null;
        if (position is not null)
        {
            // Written now, so that the class no longer depends on that journal.
            await WriteStateAsync();
            await TidyAsync();
        }

        return session;
    }

    /// <summary>
    /// Makes everything the class has committed durable: its new events in the silo's journal when
    /// it can, else its state; written behind, nothing until the state is due. Returns the seq
    /// written; a failure leaves memory ahead of storage and is thrown.
    /// </summary>
    public async Task<long> WriteAsync()
    {
        var seq = _current.Seq;
        if (KeepsInMemory())
        {
            _writtenSeq = seq;
            return seq;
        }

        if (TryJournal() is { } journaled)
        {
            await journaled;
            _writtenSeq = seq;
            return seq;
        }

        return await WriteStateAsync();
    }

    /// <summary>
    /// Written behind, a commit writes nothing unless the state is due: a checkpoint or the close
    /// was asked for, an older state must be upgraded, or the class has not been stored yet.
    /// </summary>
    private bool KeepsInMemory()
    {
        if (writeBehind is null || _checkpoint || _mustStore || !_current.IsCreated || !state.RecordExists)
        {
            return false;
        }

        _stateBehindSince ??= time.GetUtcNow();
        return true;
    }

    /// <summary>
    /// Appends the events since the last write to the journal, unless the state is due: there are
    /// segments to seal or roster and chat to store, a checkpoint was asked for, or the stored
    /// state names no position in this silo's journal that is still kept. With no event since the
    /// last write there is nothing to append, and nothing to write: a commit asked for while the
    /// write of the same events was in flight.
    /// </summary>
    private Task? TryJournal()
    {
        var current = _current;
        if (journal is null || _checkpoint || _mustStore || !current.IsCreated || current.Journal is not { } stored
            || _log.HasSegmentToSeal || current.Seq - _storedSeq >= RosterAndChatInterval
            || !_log.TryGetAfter(_writtenSeq, int.MaxValue, out var events))
        {
            return null;
        }

        if (events.Count == 0)
        {
            return current.Seq == _writtenSeq ? Task.CompletedTask : null;
        }

        var entries = new JournalEntry[events.Count];
        List<ChatReceipt>? receipts = null;
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            ChatReceipt? receipt = null;
            if (evt.Kind == ClassEventKind.ChatPosted)
            {
                receipts ??= _live.Receipts.After(_writtenSeq);
                receipt = receipts.Find(r => r.Seq == evt.Seq);
            }

            entries[i] = new JournalEntry(current.ClassId, evt, receipt);
        }

        var appended = journal.TryAppend(current.ClassId, stored, entries);
        if (appended is not null)
        {
            _stateBehindSince ??= time.GetUtcNow();
        }

        return appended;
    }

    /// <summary>
    /// Writes the class as it is now: full segments of its oldest unsealed events first, then its
    /// state, naming where in the journal later events will be.
    /// </summary>
    private async Task<long> WriteStateAsync()
    {
        while (_log.TryTakeSegmentToSeal(out var segment, out var events))
        {
            await segments(segment).Store(events);
            _log.Sealed(segment);
        }

        var current = _current;
        _toStore = current.IsCreated && (_mustStore || current.Seq - _storedSeq >= RosterAndChatInterval) ? TakeRosterAndChat() : null;
        _unreferenced = _log.TakeUnreferencedSegments();
        current.ChatReceipts = _live.Receipts.After(_storedSeq);
        current.Journal = journal is not null && !_closing ? journal.Name(current.ClassId) : null;
        var seq = current.Seq;
        current.WriteId = StateWriteIds.Next();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            if (!await StoredAfterAllAsync(current))
            {
                throw;
            }

            LogStateStoredDespiteFailure(logger, failure, current.ClassId, seq);
        }

        _writtenSeq = _stateSeq = seq;
        _stateBehindSince = null;
        _checkpoint = false;
        if (current.Journal is null)
        {
            journal?.Forget(current.ClassId);
        }
        else
        {
            journal?.Release(current.ClassId);
        }

        return seq;
    }

    /// <summary>
    /// Whether a state write that failed stored the state all the same: the storage client retries
    /// a request whose answer was lost, and the retry of a write that had landed is refused as
    /// written over an older version. Reading the state back tells: if it carries this write's id,
    /// the handle adopts the stored version and the class goes on. Either way the handle keeps
    /// <paramref name="written"/>, the object the session changes. When it was not stored, the
    /// handle now knows the stored version; the grain writes nothing more after a failed write.
    /// </summary>
    private async Task<bool> StoredAfterAllAsync(ClassSessionState written)
    {
        try
        {
            await state.ReadStateAsync();
            return state.RecordExists && state.State.WriteId == written.WriteId;
        }
        catch (Exception)
        {
            return false;
        }
        finally
        {
            state.State = written;
        }
    }

    /// <summary>Replays the events the stored state's journal holds after it, with their chat receipts.</summary>
    private async Task ReplayAsync(ClassSession session, JournalPosition position)
    {
        if (journalReader is null)
        {
            throw new InvalidOperationException($"Class {_current.ClassId} was stored with a journal, and there is no journal reader to replay it.");
        }

        var entries = await journalReader.ReadAsync(position, _current.ClassId, _current.Seq);
        foreach (var entry in entries)
        {
            session.Replay(entry.Event);
            if (entry.Receipt is { } receipt)
            {
                _live.Receipts.Add(receipt);
            }
        }

        if (entries.Count > 0)
        {
            LogReplayed(logger, _current.ClassId, entries.Count, position.JournalId);
        }
    }

    /// <summary>
    /// After a write: deletes the segments the written state no longer refers to, and stores roster
    /// and chat when they are due. Neither failure loses anything; both are tried again later.
    /// </summary>
    public async Task TidyAsync()
    {
        var classId = _current.ClassId;
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
        await Task.WhenAll(_current.LogSegments.Select(segment => segments(segment).Delete()));
        await rosterAndChat.ClearStateAsync();
        await state.ClearStateAsync();
        journal?.Forget(_current.ClassId);

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
        if (from >= _current.Seq)
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
        Seq = _current.Seq,
        Roster = _live.Roster.Entries.Select(e => e.Copy()).ToList(),
        Chat = [.. _live.Chat.Messages],
        // Copied at its size: a list grown item by item from TakeLast was most of this copy's garbage.
        ChatReceipts = _live.Receipts.Last(limits.EventLogCapacity),
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
            LogRosterAndChatStoreFailed(logger, exception, _current.ClassId);
            // A write whose answer was lost may have been stored after all: learn the stored
            // version, or every later try would be refused as written over an older one.
            await RefreshRosterAndChatVersionAsync();
        }
    }

    private async Task RefreshRosterAndChatVersionAsync()
    {
        try
        {
            await rosterAndChat.ReadStateAsync();
        }
        catch (Exception exception)
        {
            LogRosterAndChatStoreFailed(logger, exception, _current.ClassId);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing class {ClassId} at seq {Seq} failed, and reading it back found it stored; going on")]
    private static partial void LogStateStoredDespiteFailure(ILogger logger, Exception exception, string classId, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Class {ClassId} replayed {Count} events from journal {JournalId}")]
    private static partial void LogReplayed(ILogger logger, string classId, int count, string journalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the roster and chat of class {ClassId} failed; trying again after the next write")]
    private static partial void LogRosterAndChatStoreFailed(ILogger logger, Exception exception, string classId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Class {ClassId} lost roster and chat changes after seq {Seq}: its log no longer held them")]
    private static partial void LogRosterAndChatBehind(ILogger logger, string classId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting log segment {FirstSeq} of class {ClassId} failed")]
    private static partial void LogSegmentDeleteFailed(ILogger logger, Exception exception, string classId, long firstSeq);
}
