using System.Collections.Concurrent;
using LiveClass.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace LiveClass.Grains.Journal;

/// <summary>
/// Finds a class's journaled events when it is loaded. This silo's own journal is read up to what
/// it has stored; any other (a silo that died, or one that still runs but lost the class) is read
/// to its first missing chunk, and a seal is written there first, so that its silo can store
/// nothing after it and answer no commit that would then be lost. The classes of a dead silo
/// all come back at once: each chunk is read once per silo, a few ahead, and kept a while. A
/// journal sealed here is handed to its <see cref="IJournalSweepGrain"/> to be cleared away.
/// </summary>
public sealed partial class JournalReader(
    [FromKeyedServices(StorageNames.Classes)] IGrainStorage storage,
    SiloJournal local,
    TimeProvider time,
    ILogger<JournalReader> logger,
    IGrainFactory? grains = null)
{
    private const int ReadAhead = 16;
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, ForeignJournal> _foreign = new();

    /// <summary>The class's events after <paramref name="afterSeq"/> journaled from <paramref name="from"/> on, with their chat receipts, in order.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalPosition from, string classId, long afterSeq)
    {
        var found = new List<JournalEntry>();
        if (await local.LocalEndAsync(from.JournalId) is { } end)
        {
            for (var number = from.Chunk; number < end; number++)
            {
                // Missing: deleted, because no class needed it any more.
                Collect(await ReadAsync(from.JournalId, number), classId, afterSeq, found);
            }

            return found;
        }

        Forget();
        var journal = _foreign.GetOrAdd(from.JournalId, id => new ForeignJournal(this, id));
        journal.LastUsed = time.GetUtcNow();
        for (var number = from.Chunk; ; number++)
        {
            var chunk = await journal.GetAsync(number);
            if (chunk.Sealed)
            {
                return found;
            }

            Collect(chunk, classId, afterSeq, found);
        }
    }

    private static void Collect(JournalChunkState? chunk, string classId, long afterSeq, List<JournalEntry> found)
    {
        foreach (var entry in chunk?.Entries ?? [])
        {
            if (entry.ClassId == classId && entry.Event.Seq > afterSeq)
            {
                found.Add(entry);
            }
        }
    }

    private async Task<JournalChunkState?> ReadAsync(string journalId, long number)
    {
        var record = await storage.ReadChunkAsync(new JournalChunkKey(journalId, number));
        return record.RecordExists ? record.State : null;
    }

    /// <summary>Reads the chunk; where there is none, writes a seal, unless its silo stored the chunk first.</summary>
    private async Task<JournalChunkState> ReadOrSealAsync(string journalId, long number, Task<JournalChunkState?> read)
    {
        if (await read is { } stored)
        {
            return stored;
        }

        var sealedEnd = new JournalChunkState { Sealed = true };
        try
        {
            var key = new JournalChunkKey(journalId, number);
            await storage.WriteStateAsync(key.StateName, key.GrainId, new GrainState<JournalChunkState>(sealedEnd));
            LogSealed(logger, journalId, number);
            _ = grains.ReportEndAsync(journalId, number, logger);
            return sealedEnd;
        }
        catch (InconsistentStateException)
        {
            // Its silo stored the chunk meanwhile (or another reader sealed it): that is the end or the next chunk.
            return await ReadAsync(journalId, number)
                ?? throw new InvalidOperationException($"Chunk {number} of journal {journalId} was neither stored nor sealed.");
        }
    }

    private void Forget()
    {
        var before = time.GetUtcNow() - KeepFor;
        foreach (var (id, journal) in _foreign)
        {
            if (journal.LastUsed < before)
            {
                _foreign.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Another silo's journal as read so far: chunks read ahead, and those known for good (stored, or the seal).</summary>
    private sealed class ForeignJournal(JournalReader reader, string id)
    {
        private readonly ConcurrentDictionary<long, Task<JournalChunkState?>> _readAhead = new();
        private readonly ConcurrentDictionary<long, Lazy<Task<JournalChunkState>>> _settled = new();

        public DateTimeOffset LastUsed { get; set; }

        public async Task<JournalChunkState> GetAsync(long number)
        {
            for (var ahead = number + 1; ahead <= number + ReadAhead; ahead++)
            {
                if (!_settled.ContainsKey(ahead))
                {
                    _ = _readAhead.GetOrAdd(ahead, n => reader.ReadAsync(id, n));
                }
            }

            var settled = _settled.GetOrAdd(number, n => new Lazy<Task<JournalChunkState>>(() =>
                reader.ReadOrSealAsync(id, n, _readAhead.TryRemove(n, out var read) ? read : reader.ReadAsync(id, n))));
            try
            {
                return await settled.Value;
            }
            catch (Exception)
            {
                // Not settled after all (the store failed): the next reader tries again.
                _settled.TryRemove(KeyValuePair.Create(number, settled));
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal {JournalId} was read to its end and sealed at chunk {Chunk}")]
    private static partial void LogSealed(ILogger logger, string journalId, long chunk);
}
