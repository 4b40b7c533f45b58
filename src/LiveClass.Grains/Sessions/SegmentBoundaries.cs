namespace LiveClass.Grains.Sessions;

/// <summary>
/// Where a class's log segments end: after every <see cref="Size"/> events, shifted by an offset of
/// the class's own. Classes that start together and keep the same pace (a term's classes, the
/// classes of one benchmark) would otherwise all seal a segment, and store their roster and chat,
/// within the same few seconds, and reach the store as one burst that every commit then waits behind.
/// </summary>
/// <param name="Size">Events per segment; 0 seals none.</param>
/// <param name="Offset">How far, in events, this class's boundaries sit before the multiples of <paramref name="Size"/>.</param>
public readonly record struct SegmentBoundaries(int Size, int Offset)
{
    /// <summary>
    /// The boundaries of one class: its offset comes from a stable hash of its id, so it is the same
    /// on every silo and after every reactivation, and class ids, being random, spread it evenly.
    /// </summary>
    public static SegmentBoundaries For(string classId, int size) =>
        new(size, size > 1 ? (int)(StableHash(classId) % (uint)size) : 0);

    /// <summary>The first boundary after <paramref name="seq"/>: the last seq of the segment that holds <paramref name="seq"/> + 1.</summary>
    public long NextAfter(long seq) => Size > 0 ? seq + Size - ((seq + Offset) % Size) : long.MaxValue;

    /// <summary>FNV-1a: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
