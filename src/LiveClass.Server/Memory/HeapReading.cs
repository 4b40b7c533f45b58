namespace LiveClass.Server.Memory;

/// <summary>The managed heap at one moment, as far as the GC has told.</summary>
/// <param name="AllocatedBytes">Every byte allocated since the process started.</param>
/// <param name="HeapBytes">
/// What the heap holds at most by the GC's last word: the smaller of its size after the last
/// collection and its live size after the last full one. Objects that died in gen 2 since the last
/// full collection count in the first and not in the second.
/// </param>
/// <param name="CommittedBytes">Memory the GC has committed, in use or not.</param>
public readonly record struct HeapReading(DateTimeOffset At, long AllocatedBytes, long HeapBytes, long CommittedBytes)
{
    /// <summary>Committed memory that a full collection could give back.</summary>
    public long ReclaimableBytes => Math.Max(0, CommittedBytes - HeapBytes);

    /// <summary>Bytes allocated per second since <paramref name="earlier"/>; NaN when it is not earlier.</summary>
    public double AllocatedBytesPerSecondSince(HeapReading earlier)
    {
        var seconds = (At - earlier.At).TotalSeconds;
        return seconds > 0 ? (AllocatedBytes - earlier.AllocatedBytes) / seconds : double.NaN;
    }
}
