namespace LiveClass.Grains;

/// <summary>
/// Clears away a silo journal that its silo no longer writes, keyed by the journal's id: once
/// every class with events in its chunks has its own state written, the chunks are deleted.
/// </summary>
public interface IJournalSweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// The journal ends at <paramref name="chunk"/>: a reader sealed it there, or its silo's write
    /// of that chunk failed. Sweeps what lies below it.
    /// </summary>
    Task Sweep(long chunk);
}
