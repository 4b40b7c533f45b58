using LiveClass.Server.Memory;

namespace LiveClass.Tests.Memory;

[Collection(RuntimeHeapCollection.Name)]
public sealed class RuntimeManagedHeapTests
{
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
