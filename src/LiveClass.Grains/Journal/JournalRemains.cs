namespace LiveClass.Grains.Journal;

/// <summary>
/// What is stored of a journal below where it ended: its records (chunks and seals), the classes
/// with events in the chunks, and the silo that wrote them (null when no chunk was left to say).
/// </summary>
public sealed record JournalRemains(
    string JournalId,
    IReadOnlyList<JournalRecord> Records,
    IReadOnlySet<string> Classes,
    string? Silo)
{
    public int Chunks => Records.Count(r => !r.Sealed);

    public int Seals => Records.Count(r => r.Sealed);
}
