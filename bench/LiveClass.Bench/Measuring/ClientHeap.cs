using System.Runtime;

namespace LiveClass.Bench.Measuring;

/// <summary>
/// The bench process's own heap. Joining thousands of connections leaves it a full collection
/// due: left alone, it falls inside the measured window as one pause of a few hundred
/// milliseconds in which no connection reads, and shows as the server's worst two seconds.
/// </summary>
public static class ClientHeap
{
    /// <summary>Runs that collection now, then waits for what it held up to be received.</summary>
    public static async Task SettleAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        await Task.Delay(quiet, cancellationToken);
    }
}
