using LiveClass.Grains.Journal;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

/// <summary>Grain storage that passes everything through, except that when asked, the next chunk write fails without being stored.</summary>
internal sealed class ChunkWriteFailure(IGrainStorage inner) : IGrainStorage
{
    public bool FailNextChunkWrite { get; set; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (FailNextChunkWrite && JournalChunkKey.IsChunk(stateName) && grainState.State is JournalChunkState { Sealed: false })
        {
            FailNextChunkWrite = false;
            throw new IOException("the store went away");
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
