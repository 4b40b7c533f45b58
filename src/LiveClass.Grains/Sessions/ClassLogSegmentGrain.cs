using LiveClass.Contracts;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// How earlier versions stored each log segment; class grains now write the same record
/// themselves (<see cref="GrainStorageLogSegment"/>). Kept so that silos of an earlier version can
/// still store and read segments while a cluster is upgraded one silo at a time.
/// </summary>
public sealed class ClassLogSegmentGrain(
    [PersistentState(GrainStorageLogSegment.StateName, StorageNames.Classes)] IPersistentState<ClassLogSegmentState> state)
    : Grain, IClassLogSegmentGrain
{
    public async Task Store(IReadOnlyList<ClassEvent> events)
    {
        state.State.Events = [.. events];
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<ClassEvent>> Load()
    {
        DeactivateOnIdle();
        return Task.FromResult<IReadOnlyList<ClassEvent>>(state.State.Events);
    }

    public async Task Delete()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
