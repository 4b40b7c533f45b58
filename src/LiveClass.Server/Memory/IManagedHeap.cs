namespace LiveClass.Server.Memory;

/// <summary>The runtime's managed heap as the memory services see it; tests stand in for the GC.</summary>
public interface IManagedHeap
{
    HeapReading Read();

    /// <summary>A blocking, compacting full collection that decommits every free page.</summary>
    void ReturnFreeMemory();

    /// <summary>How many gen-2 collections the process has had, of any kind.</summary>
    int FullCollections { get; }

    /// <summary>
    /// True for the workstation GC with background collections on (what the runtime uses on one
    /// processor): its background collections run on one thread that exits when idle.
    /// </summary>
    bool HasIdleExitingBackgroundCollector { get; }

    /// <summary>Starts a gen-2 collection that runs beside the application and returns at once.</summary>
    void StartBackgroundCollection();
}
