using Orleans.Storage;

namespace LiveClass.Grains.Storage;

/// <summary>
/// A grain's state read and written straight through its grain storage, as the same record that
/// <c>[PersistentState]</c> keeps. Orleans' own handle queues every operation behind a forced
/// yield, so each write costs an extra turn of the grain (and its allocations) even when the
/// storage answers at once, as the silo's memory does; a class writes with every commit. The
/// caller reads it once on activation and never runs two operations at a time (one write is in
/// flight per class).
/// </summary>
public sealed class DirectPersistentState<TState>(IGrainStorage storage, string stateName, GrainId grainId)
    : IPersistentState<TState>
    where TState : new()
{
    private readonly GrainState<TState> _record = new(new TState());

    public TState State
    {
        get => _record.State!;
        set => _record.State = value;
    }

    public string? Etag => _record.ETag;

    public bool RecordExists => _record.RecordExists;

    public async Task ReadStateAsync()
    {
        await storage.ReadStateAsync(stateName, grainId, _record);
        _record.State ??= new TState();
    }

    public Task WriteStateAsync() => storage.WriteStateAsync(stateName, grainId, _record);

    public async Task ClearStateAsync()
    {
        await storage.ClearStateAsync(stateName, grainId, _record);
        _record.State = new TState();
    }
}
