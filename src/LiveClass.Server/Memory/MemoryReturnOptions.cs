using System.ComponentModel.DataAnnotations;

namespace LiveClass.Server.Memory;

/// <summary>
/// When the server gives the heap's free memory back to the operating system, bound from the
/// "MemoryReturn" configuration section. After a burst (a class starting, a rejoin storm) the GC
/// keeps the memory it grew into committed for the next one; a server that has gone quiet does
/// not need it, and on a shared node or under a container limit it is memory others cannot use.
/// </summary>
public sealed class MemoryReturnOptions
{
    public const string SectionName = "MemoryReturn";

    private const string OutOfRange = SectionName + ":{0} must be between {1} and {2}.";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the heap is looked at; the allocation rate is measured over this period.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Reclaimable memory below this is not worth a full collection's pause.</summary>
    [Range(0, int.MaxValue, ErrorMessage = OutOfRange)]
    public int MinimumFreeMiB { get; set; } = 64;

    /// <summary>Reclaimable memory as a share of the heap below which the GC's working room is left alone.</summary>
    [Range(0.0, 1.0, ErrorMessage = OutOfRange)]
    public double MinimumFreeShareOfHeap { get; set; } = 0.25;

    /// <summary>
    /// The server counts as quiet at or below this allocation rate. 10,000 idle connections with their
    /// keep-alives allocate a few MiB/s; a class in full swing or a burst of joins, tens to hundreds.
    /// </summary>
    [Range(0.0, double.MaxValue, ErrorMessage = OutOfRange)]
    public double QuietAllocationMiBPerSecond { get; set; } = 16;

    /// <summary>The least time between two returns, so the pause of a full collection stays rare.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(1);
}
