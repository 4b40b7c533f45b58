using Microsoft.Extensions.Logging;

namespace LiveClass.Grains.Journal;

/// <summary>How a reader that sealed a journal, or a silo that ended its own, hands it to its sweep without waiting for it.</summary>
internal static partial class JournalSweepReports
{
    /// <summary>
    /// Tells the journal's <see cref="IJournalSweepGrain"/> where it ends. A failure is only logged:
    /// another report or the sweep's reminder tries again, and until then the chunks only take room.
    /// </summary>
    public static async Task ReportEndAsync(this IGrainFactory? grains, string journalId, long end, ILogger logger)
    {
        if (grains is null)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IJournalSweepGrain>(journalId).Sweep(end);
        }
        catch (Exception exception)
        {
            LogNotStarted(logger, exception, journalId, end);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {JournalId} ends at chunk {Chunk}, and its sweep could not be started; its chunks stay until it is reported again")]
    private static partial void LogNotStarted(ILogger logger, Exception exception, string journalId, long chunk);
}
