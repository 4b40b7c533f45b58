using LiveClass.Server.Memory;

namespace LiveClass.Tests.Memory;

[Collection(RuntimeHeapCollection.Name)]
public sealed class RuntimeManagedHeapTests
{
    [Fact]
    public async Task The_runtime_heap_runs_its_real_background_collection_thread_at_the_lowest_priority()
    {
        if (!OperatingSystem.IsLinux() || !new RuntimeManagedHeap(TimeProvider.System).HasIdleExitingBackgroundCollector)
        {
            return;
        }

        // On a small heap the runtime collects gen 2 at once instead of in the background: give it one worth marking.
        var live = Enumerable.Range(0, 200_000).Select(i => new byte[64]).ToList();
        var heap = new RuntimeManagedHeap(TimeProvider.System);
        heap.StartBackgroundCollection();
        await Poll.UntilAsync(() => BackgroundCollectorThread.Find().Count > 0, () => "the runtime started no background collection thread");

        Assert.True(heap.LowerBackgroundCollectorPriority(), "the background collection thread was not lowered");
        GC.KeepAlive(live);
        var thread = Assert.Single(BackgroundCollectorThread.Find());
        Assert.Equal(BackgroundCollectorThread.LowestPriority, BackgroundCollectorThread.NiceOf(thread));
    }

    [Fact]
    public async Task The_runtime_heap_starts_a_real_gen_2_collection_and_returns_without_waiting_for_it()
    {
        // A background collection already under way takes in a request for another, which then
        // never comes: a blocking one first waits for it to end.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        var heap = new RuntimeManagedHeap(TimeProvider.System);
        var before = heap.FullCollections;

        heap.StartBackgroundCollection();

        await Poll.UntilAsync(() => heap.FullCollections != before, () => "no gen-2 collection followed");
        Assert.Equal(GC.CollectionCount(2), heap.FullCollections);
    }
}
