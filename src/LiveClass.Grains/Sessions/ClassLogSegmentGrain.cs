using LiveClass.Contracts;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// Stores one segment for its class grain, which keeps the events in memory itself: so the segment
/// leaves memory as soon as each call is done.
/// </summary>
public sealed class ClassLogSegmentGrain(
    [PersistentState("segment", StorageNames.Classes)] IPersistentState<ClassLogSegmentState> state)
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
