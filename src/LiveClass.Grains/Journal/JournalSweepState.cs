namespace LiveClass.Grains.Journal;

/// <summary>A sweep in progress, stored so that a sweep whose silo died is finished by its reminder elsewhere.</summary>
[GenerateSerializer]
public sealed class JournalSweepState
{
    /// <summary>Seals written by the journal's readers and not yet swept (or the end kept while its silo may still write).</summary>
    [Id(0)] public List<long> Seals { get; set; } = [];

    /// <summary>The silo that wrote the journal, once a chunk has named it.</summary>
    [Id(1)] public string? Silo { get; set; }

    /// <summary>When the first seal was reported; the sweep ends a while after, once every class has woken.</summary>
    [Id(2)] public DateTimeOffset? Since { get; set; }
}
