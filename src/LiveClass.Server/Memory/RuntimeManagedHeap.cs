using System.Runtime;

namespace LiveClass.Server.Memory;

public sealed class RuntimeManagedHeap(TimeProvider time) : IManagedHeap
{
    public HeapReading Read()
    {
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var full = blocking.Index >= background.Index ? blocking : background;
        var heap = full.Index == 0 ? last.HeapSizeBytes : Math.Min(last.HeapSizeBytes, full.HeapSizeBytes - full.FragmentedBytes);
        return new HeapReading(time.GetUtcNow(), GC.GetTotalAllocatedBytes(), heap, last.TotalCommittedBytes);
    }

    // Only an aggressive collection decommits: after a forced one the GC keeps the freed regions for later.
    public void ReturnFreeMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public int FullCollections => GC.CollectionCount(GC.MaxGeneration);

    // Batch is the latency mode of a GC whose background collections are turned off.
    public bool HasIdleExitingBackgroundCollector => !GCSettings.IsServerGC && GCSettings.LatencyMode != GCLatencyMode.Batch;

    public void StartBackgroundCollection() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false, compacting: false);
}
