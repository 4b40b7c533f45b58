using LiveClass.Grains.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace LiveClass.Grains.Journal;

/// <summary>
/// Finds and deletes what a journal its silo no longer writes left in the classes' storage. Its
/// silo deletes chunks oldest first, so the chunks still stored below where the journal ended run
/// without a gap down to the first one deleted: reading down from each end to the first number
/// with no record finds them all.
/// </summary>
public sealed partial class JournalSweeper(
    [FromKeyedServices(StorageNames.Classes)] IGrainStorage storage,
    ILogger<JournalSweeper> logger,
    LiveClassMetrics? metrics = null)
{
    private const int DeletesAtOnce = 16;

    /// <summary>
    /// The records stored at and below each of <paramref name="ends"/> (a seal, or the chunk whose
    /// failed write ended the journal), the classes with events in them and their silo.
    /// </summary>
    public async Task<JournalRemains> FindAsync(string journalId, IEnumerable<long> ends)
    {
        var records = new Dictionary<long, JournalRecord>();
        var classes = new HashSet<string>(StringComparer.Ordinal);
        string? silo = null;
        foreach (var end in ends.Distinct().OrderDescending())
        {
            // The end itself may hold nothing: a write that failed.
            for (var number = end; number >= 0 && !records.ContainsKey(number); number--)
            {
                var record = await storage.ReadChunkAsync(new JournalChunkKey(journalId, number));
                if (!record.RecordExists || record.State is not { } chunk)
                {
                    if (number == end)
                    {
                        continue;
                    }

                    break;
                }

                foreach (var entry in chunk.Entries)
                {
                    classes.Add(entry.ClassId);
                }

                silo ??= chunk.Silo;
                records[number] = new JournalRecord(number, chunk.Sealed, record.ETag);
            }
        }

        return new JournalRemains(journalId, [.. records.Values.OrderBy(r => r.Chunk)], classes, silo);
    }

    /// <summary>
    /// Deletes the records found, except the highest seal when <paramref name="keepEnd"/> (its silo
    /// may still run, and the seal is what keeps it from storing anything after it). Returns the seal kept.
    /// </summary>
    public async Task<long?> DeleteAsync(JournalRemains remains, bool keepEnd)
    {
        var end = keepEnd ? remains.Records.Where(r => r.Sealed).Select(r => (long?)r.Chunk).Max() : null;
        var doomed = remains.Records.Where(r => r.Chunk != end).ToList();
        foreach (var batch in doomed.Chunk(DeletesAtOnce))
        {
            await Task.WhenAll(batch.Select(r => DeleteAsync(remains.JournalId, r)));
        }

        if (doomed.Count > 0)
        {
            var seals = doomed.Count(r => r.Sealed);
            metrics?.JournalSwept(doomed.Count - seals, seals);
            LogSwept(logger, remains.JournalId, doomed.Count - seals, seals, remains.Classes.Count, end);
        }

        return end;
    }

    private async Task DeleteAsync(string journalId, JournalRecord record)
    {
        var key = new JournalChunkKey(journalId, record.Chunk);
        try
        {
            var stored = new GrainState<JournalChunkState>(new JournalChunkState { Sealed = record.Sealed }) { ETag = record.ETag, RecordExists = true };
            await storage.ClearStateAsync(key.StateName, key.GrainId, stored);
        }
        catch (InconsistentStateException)
        {
            // Deleted meanwhile (its silo deleting its own, or an earlier sweep): gone either way.
            if ((await storage.ReadChunkAsync(key)).RecordExists)
            {
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal {JournalId} swept: {Chunks} chunks and {Seals} seals deleted, {Classes} classes had events in them; seal kept: {KeptSeal}")]
    private static partial void LogSwept(ILogger logger, string journalId, int chunks, int seals, int classes, long? keptSeal);
}
