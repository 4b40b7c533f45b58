using System.Globalization;

namespace LiveClass.Grains.Journal;

/// <summary>
/// How a journal chunk is named in the classes' grain storage: the journal is one grain id and
/// each chunk a state of its own under it, named by its number. Azure Table storage makes those a
/// partition per journal and a row per chunk; Azurite indexes rows by their row key, so a chunk is
/// found without walking every other chunk stored under one shared state name.
/// </summary>
public readonly record struct JournalChunkKey(string JournalId, long Chunk)
{
    public const string GrainTypeName = "classjournal";
    private const string StatePrefix = "chunk-";

    public GrainId GrainId => GrainId.Create(GrainTypeName, JournalId);

    public string StateName => StatePrefix + Chunk.ToString(CultureInfo.InvariantCulture);

    public static bool IsChunk(string stateName) => stateName.StartsWith(StatePrefix, StringComparison.Ordinal);
}
