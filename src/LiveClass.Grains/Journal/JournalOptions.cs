using System.ComponentModel.DataAnnotations;
using LiveClass.Domain;

namespace LiveClass.Grains.Journal;

/// <summary>
/// The silo journal, bound from the "LiveClass:Journal" configuration section. Classes commit
/// their changes to their silo's journal, one write for the changes of many classes, and write
/// their own state only every few dozen events or when they fall quiet.
/// </summary>
public sealed class JournalOptions
{
    public const string SectionName = ClassLimits.SectionName + ":Journal";
    private const string OutOfRange = SectionName + ":{0} must be between {1} and {2}.";

    /// <summary>
    /// Off: every commit writes the class's own state. The server turns it on for Azure Storage
    /// and Redis and off for memory storage unless configured.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// With the journal off: a class keeps its commits in its own memory and writes its state every
    /// <see cref="CheckpointInterval"/> and when it closes, instead of with every commit. Only for
    /// storage in the silo's own memory, which a silo's end takes with it as it takes the class's:
    /// there a written commit is no safer than a held one. The server turns it on for memory storage.
    /// </summary>
    public bool WriteBehind { get; set; }

    /// <summary>
    /// The least time between the starts of two chunk writes. Zero writes each chunk as soon as the
    /// one before is stored; a store that charges per request (Azure Storage) gets fewer, larger
    /// writes for a few milliseconds more per commit.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = OutOfRange)]
    public TimeSpan ChunkInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How long a class's events may stay only in the journal (or, written behind, in memory) before the class writes its own state.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = OutOfRange)]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most entries in one chunk; more wait for the next (a stored record has a size limit).</summary>
    [Range(1, 100_000, ErrorMessage = OutOfRange)]
    public int MaxEntriesPerChunk { get; set; } = 1_000;

    /// <summary>
    /// How long, in chunks, the position a class's newly written state names is kept for it while
    /// it journals nothing: were that chunk deleted before the class's next commit, the commit
    /// would have to write the state again. A class quiet for longer does just that.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = OutOfRange)]
    public int RecentChunksKept { get; set; } = 64;

    /// <summary>How many chunks a class's stored state may lag behind the journal before the class writes it again.</summary>
    [Range(1, 1_000_000, ErrorMessage = OutOfRange)]
    public int MaxChunksBehind { get; set; } = 1_000;
}
