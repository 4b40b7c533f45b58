namespace LiveClass.Server.Memory;

/// <summary>The runtime's managed heap as the memory return sees it; tests stand in for the GC.</summary>
public interface IManagedHeap
{
    HeapReading Read();

    /// <summary>A blocking, compacting full collection that decommits every free page.</summary>
    void ReturnFreeMemory();
}
