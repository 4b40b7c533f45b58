using LiveClass.Domain;

namespace LiveClass.Grains.Sessions;

/// <summary>The key of one stored log segment: one class, the segment's first seq.</summary>
public static class LogSegmentKey
{
    public static string For(string classId, LogSegment segment) => $"{classId}/{segment.FirstSeq}";
}
