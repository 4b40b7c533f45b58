using Orleans.Storage;

namespace LiveClass.Grains.Journal;

public static class JournalChunkStorageExtensions
{
    /// <summary>Reads one chunk as stored, with its ETag; <c>RecordExists</c> is false where there is none.</summary>
    public static async Task<GrainState<JournalChunkState>> ReadChunkAsync(this IGrainStorage storage, JournalChunkKey key)
    {
        var record = new GrainState<JournalChunkState>();
        await storage.ReadStateAsync(key.StateName, key.GrainId, record);
        return record;
    }
}
