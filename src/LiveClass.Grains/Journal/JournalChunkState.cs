namespace LiveClass.Grains.Journal;

/// <summary>
/// One stored chunk of a silo's journal: the events its classes committed while the chunk
/// before was being written. A sealed chunk holds nothing and ends the journal: it is written
/// by whoever reads a journal to its end, so that its silo, if it still runs, can add nothing after.
/// </summary>
[GenerateSerializer]
public sealed class JournalChunkState
{
    [Id(0)] public List<JournalEntry> Entries { get; set; } = [];
    [Id(1)] public bool Sealed { get; set; }

    /// <summary>The silo that wrote the chunk (its parsable address); null on a seal and on chunks of older versions.</summary>
    [Id(2)] public string? Silo { get; set; }
}
