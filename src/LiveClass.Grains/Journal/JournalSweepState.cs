namespace LiveClass.Grains.Journal;

/// <summary>A sweep in progress, stored so that a sweep whose silo died is finished by its reminder elsewhere.</summary>
[GenerateSerializer]
public sealed class JournalSweepState
{
    /// <summary>
    /// Where the journal was reported to end (a reader's seal, or the chunk whose failed write
    /// ended it) and not swept yet; after a sweep, the seal kept while its silo may still write.
    /// </summary>
    [Id(0)] public List<long> Ends { get; set; } = [];

    /// <summary>The silo that wrote the journal, once a chunk has named it.</summary>
    [Id(1)] public string? Silo { get; set; }

    /// <summary>When the first end was reported; the sweep ends a while after, once every class has woken.</summary>
    [Id(2)] public DateTimeOffset? Since { get; set; }
}
