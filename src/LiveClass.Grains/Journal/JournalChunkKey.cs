namespace LiveClass.Grains.Journal;

/// <summary>How a journal chunk is named in the classes' grain storage: a record of its own per chunk.</summary>
public static class JournalChunkKey
{
    public const string GrainTypeName = "classjournal";
    public const string StateName = "chunk";

    public static GrainId For(string journalId, long chunk) => GrainId.Create(GrainTypeName, $"{journalId}/{chunk}");
}
