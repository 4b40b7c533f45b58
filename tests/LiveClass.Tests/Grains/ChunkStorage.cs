using LiveClass.Grains.Journal;
using LiveClass.Grains.Storage;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

/// <summary>
/// Memory grain storage that counts the journal's chunk writes and deletes, can hold chunk writes
/// at a <see cref="CallGate"/> until the test lets them go (or fails them), and reads chunks back.
/// </summary>
internal sealed class ChunkStorage : IGrainStorage
{
    private readonly InMemoryGrainStorage _inner = StateCodecs.NewMemoryStorage();
    private int _chunkWrites;
    private int _chunkDeletes;

    /// <summary>When set, every chunk write waits here before it is stored.</summary>
    public CallGate? Gate { get; set; }

    /// <summary>When set, the next chunk write is stored and then fails, as one whose answer was lost.</summary>
    public bool LoseNextAnswer { get; set; }

    public int ChunkWrites => Volatile.Read(ref _chunkWrites);

    public int ChunkDeletes => Volatile.Read(ref _chunkDeletes);

    public async Task<JournalChunkState?> ReadChunkAsync(string journalId, long chunk)
    {
        var record = await _inner.ReadChunkAsync(new JournalChunkKey(journalId, chunk));
        return record.RecordExists ? record.State : null;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var chunkWrite = JournalChunkKey.IsChunk(stateName) && grainState.State is JournalChunkState { Sealed: false };
        if (chunkWrite)
        {
            Interlocked.Increment(ref _chunkWrites);
            if (Gate is { } gate)
            {
                await gate.HoldAsync();
            }
        }

        await _inner.WriteStateAsync(stateName, grainId, grainState);
        if (chunkWrite && LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new TimeoutException("the store did not answer in time");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (JournalChunkKey.IsChunk(stateName))
        {
            Interlocked.Increment(ref _chunkDeletes);
        }

        return _inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
