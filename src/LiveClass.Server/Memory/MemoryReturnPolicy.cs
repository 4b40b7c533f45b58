namespace LiveClass.Server.Memory;

/// <summary>Decides, from two readings one check apart, whether giving free memory back is worth a full collection now.</summary>
public static class MemoryReturnPolicy
{
    private const double MiB = 1024 * 1024;

    /// <param name="eventsDelivered">
    /// Class events handed to connections between the two readings. The collection blocks every
    /// thread for hundreds of milliseconds on a large heap, so it waits until no class is
    /// delivering anything: a class in progress would feel the pause as a stall.
    /// </param>
    public static bool ShouldReturn(MemoryReturnOptions options, HeapReading previous, HeapReading current, long eventsDelivered, DateTimeOffset? lastReturn)
    {
        var allocatedPerSecond = current.AllocatedBytesPerSecondSince(previous);
        if (double.IsNaN(allocatedPerSecond) || eventsDelivered > 0 || (lastReturn is { } last && current.At - last < options.MinimumInterval))
        {
            return false;
        }

        var free = current.ReclaimableBytes;
        return free >= options.MinimumFreeMiB * MiB
            && free >= current.HeapBytes * options.MinimumFreeShareOfHeap
            && allocatedPerSecond <= options.QuietAllocationMiBPerSecond * MiB;
    }
}
