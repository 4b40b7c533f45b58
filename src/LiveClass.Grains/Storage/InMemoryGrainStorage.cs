using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.Grains.Storage;

/// <summary>
/// Grain storage in the silo's own memory, for the embedded single-silo default. Each write keeps
/// a deep copy of the state (Orleans' copier, which copies what the serializer would write and
/// shares what is immutable), and each read hands out another, so later changes to a grain's
/// state object never reach what is stored and a reactivation reads back exactly what was
/// written. A copy, not bytes: a write costs no serialization, and stored events are the very
/// immutable objects the class already holds. Unlike Orleans' memory provider, the copies are
/// kept here rather than in storage grains: a write costs no grain call.
/// </summary>
public sealed class InMemoryGrainStorage(DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), StoredState> _states = new();
    private long _lastETag;

    /// <summary>How many records are stored: what a deleted class leaves behind shows here.</summary>
    public int Count => _states.Count;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = copier.Copy((T?)stored.State);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var written = new StoredState(copier.Copy(grainState.State), NextETag());
        var current = _states.GetValueOrDefault(key);
        EnsureMatches(current, grainState.ETag, key);
        if (!(current is null ? _states.TryAdd(key, written) : _states.TryUpdate(key, written, current)))
        {
            throw Conflict(key, grainState.ETag, "another write came first");
        }

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_states.TryGetValue(key, out var current))
        {
            EnsureMatches(current, grainState.ETag, key);
            if (!_states.TryRemove(new KeyValuePair<(string, GrainId), StoredState>(key, current)))
            {
                throw Conflict(key, grainState.ETag, "another write came first");
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    /// <summary>A write must name the version it read: a stale one would overwrite a newer state.</summary>
    private static void EnsureMatches(StoredState? current, string? eTag, (string StateName, GrainId GrainId) key)
    {
        if (current?.ETag != eTag)
        {
            throw Conflict(key, eTag, $"stored version is {current?.ETag ?? "none"}");
        }
    }

    private static InconsistentStateException Conflict((string StateName, GrainId GrainId) key, string? eTag, string reason) =>
        new($"State {key.StateName} of {key.GrainId} was not written from version {eTag ?? "none"}: {reason}", "", eTag ?? "");

    private sealed record StoredState(object? State, string ETag);
}
