namespace LiveClass.Server.Memory;

/// <summary>Decides, from two readings one check apart, whether giving free memory back is worth a full collection now.</summary>
public static class MemoryReturnPolicy
{
    private const double MiB = 1024 * 1024;

    public static bool ShouldReturn(MemoryReturnOptions options, HeapReading previous, HeapReading current, DateTimeOffset? lastReturn)
    {
        var allocatedPerSecond = current.AllocatedBytesPerSecondSince(previous);
        if (double.IsNaN(allocatedPerSecond) || (lastReturn is { } last && current.At - last < options.MinimumInterval))
        {
            return false;
        }

        var free = current.ReclaimableBytes;
        return free >= options.MinimumFreeMiB * MiB
            && free >= current.HeapBytes * options.MinimumFreeShareOfHeap
            && allocatedPerSecond <= options.QuietAllocationMiBPerSecond * MiB;
    }
}
