using LiveClass.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace LiveClass.Grains.Journal;

/// <summary>
/// This silo's journal. What its classes commit goes into the open chunk, and one chunk at a time
/// is written to the classes' grain storage as a record of its own: one write carries the changes
/// of every class that committed meanwhile, and each commit is answered once its chunk is stored.
/// A class journals only while its stored state names this journal at a chunk that is still kept;
/// otherwise it writes its own state. A failed write ends the journal (what followed the missing
/// chunk could never be found), hands it to its sweep, and a new one begins. Chunks behind every
/// class that still needs them are deleted.
/// </summary>
public sealed partial class SiloJournal(
    [FromKeyedServices(StorageNames.Classes)] IGrainStorage storage,
    IOptions<JournalOptions> options,
    TimeProvider time,
    ILogger<SiloJournal> logger,
    ILocalSiloDetails? silo = null,
    IGrainFactory? grains = null)
{
    private readonly Lock _gate = new();
    private readonly JournalOptions _options = options.Value;
    private readonly string? _silo = silo?.SiloAddress.ToParsableString();
    private readonly Queue<PendingChunk> _pending = new();
    private readonly Dictionary<string, long> _holds = [];
    private readonly Dictionary<string, long> _named = [];
    private readonly Queue<WrittenChunk> _written = new();
    private string _id = NewId();
    private long _next;
    private long _deletedBelow;
    private PendingChunk? _filling;
    private PendingChunk? _inFlight;
    private bool _writing;
    private TaskCompletionSource? _deleting;
    private long _lastWriteStarted;

    /// <summary>Whether classes commit here; when off, their stores are given no journal and write their state.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>How long a class's events may stay only here before it writes its own state.</summary>
    public TimeSpan CheckpointInterval => _options.CheckpointInterval;

    /// <summary>Where events journaled from now on will be: a class writing its state names this.</summary>
    public JournalPosition Position
    {
        get
        {
            lock (_gate)
            {
                return new JournalPosition(_id, _next);
            }
        }
    }

    /// <summary>How many chunks this silo keeps for its classes (written and not yet deleted).</summary>
    public int KeptChunks
    {
        get
        {
            lock (_gate)
            {
                return _written.Count;
            }
        }
    }

    /// <summary>
    /// Journals a class's newly committed events; the task completes once they are stored. Null
    /// when the class must write its own state instead: its stored state names another journal,
    /// or a chunk already let go, or one too far behind.
    /// </summary>
    public Task? TryAppend(string classId, JournalPosition stored, IReadOnlyList<JournalEntry> entries)
    {
        lock (_gate)
        {
            if (stored.JournalId != _id || stored.Chunk < _deletedBelow || _next - stored.Chunk > _options.MaxChunksBehind)
            {
                return null;
            }

            // Until the class writes its state again, its events from the stored position on must be kept.
            _holds.TryAdd(classId, stored.Chunk);
            _named.Remove(classId);
            if (_filling is null || (_filling.Entries.Count > 0 && _filling.Entries.Count + entries.Count > _options.MaxEntriesPerChunk))
            {
                _filling = new PendingChunk();
                _pending.Enqueue(_filling);
            }

            _filling.Entries.AddRange(entries);
            if (!_writing)
            {
                _writing = true;
                // Off the caller's scheduler: the writes belong to no grain and outlive any turn.
                _ = Task.Run(WriteLoopAsync);
            }

            return _filling.Stored.Task;
        }
    }

    /// <summary>
    /// The position a class's state about to be written names: where its later events will be. It
    /// journals nothing until its next commit, so the chunk there is kept for it meanwhile, while
    /// it is among the newest <see cref="JournalOptions.RecentChunksKept"/>: deleted sooner, the
    /// commit would have to write the state once more.
    /// </summary>
    public JournalPosition Name(string classId)
    {
        lock (_gate)
        {
            _named[classId] = _next;
            return new JournalPosition(_id, _next);
        }
    }

    /// <summary>The class has written its own state: nothing of it in this journal needs keeping any more but the position it names.</summary>
    public void Release(string classId)
    {
        lock (_gate)
        {
            _holds.Remove(classId);
            StartDeleting();
        }
    }

    /// <summary>The class has written its state naming no journal (it closed) or deleted it: nothing is kept for it.</summary>
    public void Forget(string classId)
    {
        lock (_gate)
        {
            _holds.Remove(classId);
            _named.Remove(classId);
            StartDeleting();
        }
    }

    /// <summary>
    /// If <paramref name="journalId"/> is this silo's journal, waits until what was appended to it
    /// so far is stored and returns how many chunks it has; null for any other journal (or if this
    /// one ended meanwhile), which has to be read to its end and sealed.
    /// </summary>
    public async Task<long?> LocalEndAsync(string journalId)
    {
        List<Task> outstanding;
        lock (_gate)
        {
            if (journalId != _id)
            {
                return null;
            }

            outstanding = [.. _pending.Select(c => c.Stored.Task)];
            if (_inFlight is { } inFlight)
            {
                outstanding.Add(inFlight.Stored.Task);
            }
        }

        try
        {
            await Task.WhenAll(outstanding);
        }
        catch (Exception)
        {
            // A failed write ended the journal: answered below.
        }

        lock (_gate)
        {
            return journalId == _id ? _next : null;
        }
    }

    // One write at a time on purpose: while the store is slow the next chunk grows instead of
    // adding requests, which is what lets a busy store catch up (docs/benchmarks.md, s5).
    private async Task WriteLoopAsync()
    {
        while (true)
        {
            await PaceAsync();
            PendingChunk chunk;
            string id;
            long number;
            lock (_gate)
            {
                if (!_pending.TryDequeue(out chunk!))
                {
                    _writing = false;
                    return;
                }

                if (ReferenceEquals(chunk, _filling))
                {
                    _filling = null;
                }

                _inFlight = chunk;
                id = _id;
                number = _next++;
            }

            _lastWriteStarted = time.GetTimestamp();
            var key = new JournalChunkKey(id, number);
            var record = new GrainState<JournalChunkState>(new JournalChunkState { Entries = chunk.Entries, Silo = _silo });
            Exception? failure = null;
            try
            {
                await storage.WriteStateAsync(key.StateName, key.GrainId, record);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            if (failure is not null && await StoredAfterAllAsync(key, record))
            {
                LogChunkStoredDespiteFailure(logger, failure, id, number);
                failure = null;
            }

            if (failure is not null)
            {
                LogChunkWriteFailed(logger, failure, id, number);
                List<PendingChunk> abandoned;
                lock (_gate)
                {
                    abandoned = [.. _pending];
                    StartNewJournal();
                }

                chunk.Stored.TrySetException(failure);
                foreach (var later in abandoned)
                {
                    later.Stored.TrySetException(failure);
                }

                // No class reads the ended journal again: its sweep deletes what is stored of it.
                _ = grains.ReportEndAsync(id, number, logger);
                continue;
            }

            lock (_gate)
            {
                _inFlight = null;
                if (id == _id)
                {
                    _written.Enqueue(new WrittenChunk(number, record));
                    StartDeleting();
                }
            }

            chunk.Stored.TrySetResult();
        }
    }

    /// <summary>
    /// Whether a chunk write that failed stored the chunk all the same: a write whose answer was lost
    /// (a timeout, or the client's retry refused because the first attempt had landed) must not end
    /// the journal, which would make every class of the silo write its own state at once. Only this
    /// silo writes a chunk that is not a seal, so one found there is this write's.
    /// </summary>
    private async Task<bool> StoredAfterAllAsync(JournalChunkKey key, GrainState<JournalChunkState> record)
    {
        GrainState<JournalChunkState> stored;
        try
        {
            stored = await storage.ReadChunkAsync(key);
        }
        catch (Exception)
        {
            return false;
        }

        if (!stored.RecordExists || stored.State is not { Sealed: false })
        {
            return false;
        }

        record.ETag = stored.ETag;
        return true;
    }

    private async Task PaceAsync()
    {
        var wait = _options.ChunkInterval - time.GetElapsedTime(_lastWriteStarted);
        if (_options.ChunkInterval > TimeSpan.Zero && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time);
        }
    }

    /// <summary>Ends the current journal: classes write their own state before they journal again, in the next.</summary>
    private void StartNewJournal()
    {
        _pending.Clear();
        _filling = null;
        _inFlight = null;
        _holds.Clear();
        _named.Clear();
        _written.Clear();
        _id = NewId();
        _next = 0;
        _deletedBelow = 0;
    }

    /// <summary>
    /// Waits until every chunk no class needs any more is deleted. A silo that stops calls this once
    /// its classes have written their last state and before its storage closes: deleted any later,
    /// the chunks would stay in storage, which no reader or sweep ever visits for a journal that
    /// did not end.
    /// </summary>
    public async Task DeleteUnneededAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task running;
            string id;
            lock (_gate)
            {
                StartDeleting();
                if (_deleting is null)
                {
                    return;
                }

                running = _deleting.Task;
                id = _id;
            }

            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogChunksLeftAtStop(logger, id, KeptChunks);
                return;
            }
        }
    }

    private void StartDeleting()
    {
        if (_deleting is null && _written.TryPeek(out var oldest) && oldest.Number < LowWater())
        {
            // Completed when this run of deletes ends.
            _deleting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = Task.Run(DeleteLoopAsync);
        }
    }

    /// <summary>
    /// The oldest chunk to keep: the earliest stored position of a class with events journaled
    /// since, or of one that has just named it, while that is among the newest kept for it.
    /// </summary>
    private long LowWater()
    {
        var low = _next;
        foreach (var chunk in _holds.Values)
        {
            low = Math.Min(low, chunk);
        }

        var recent = _next - _options.RecentChunksKept;
        foreach (var chunk in _named.Values)
        {
            if (chunk >= recent)
            {
                low = Math.Min(low, chunk);
            }
        }

        return low;
    }

    private async Task DeleteLoopAsync()
    {
        while (true)
        {
            WrittenChunk chunk;
            string id;
            lock (_gate)
            {
                if (!_written.TryPeek(out chunk!) || chunk.Number >= LowWater())
                {
                    _deleting!.TrySetResult();
                    _deleting = null;
                    return;
                }

                _written.Dequeue();
                _deletedBelow = chunk.Number + 1;
                id = _id;
            }

            try
            {
                var key = new JournalChunkKey(id, chunk.Number);
                await storage.ClearStateAsync(key.StateName, key.GrainId, chunk.Record);
            }
            catch (Exception exception)
            {
                // Left behind it only takes storage: no class reads a chunk behind its stored position.
                LogChunkDeleteFailed(logger, exception, id, chunk.Number);
            }
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private sealed class PendingChunk
    {
        public List<JournalEntry> Entries { get; } = [];
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record WrittenChunk(long Number, GrainState<JournalChunkState> Record);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing chunk {Chunk} of journal {JournalId} failed; its classes write their own state and a new journal begins")]
    private static partial void LogChunkWriteFailed(ILogger logger, Exception exception, string journalId, long chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing chunk {Chunk} of journal {JournalId} failed, but the chunk was stored; the journal goes on")]
    private static partial void LogChunkStoredDespiteFailure(ILogger logger, Exception exception, string journalId, long chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The silo stopped before deleting the chunks of journal {JournalId} its classes no longer need; {Chunks} stay in storage")]
    private static partial void LogChunksLeftAtStop(ILogger logger, string journalId, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting chunk {Chunk} of journal {JournalId} failed")]
    private static partial void LogChunkDeleteFailed(ILogger logger, Exception exception, string journalId, long chunk);
}
