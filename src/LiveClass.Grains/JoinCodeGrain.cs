namespace LiveClass.Grains;

// Needed only to issue and check tokens or to find a class: no reason to stay in memory between joins.
[CollectionAgeLimit(Minutes = 2)]
public sealed class JoinCodeGrain(
    [PersistentState("joinCode", StorageNames.Classes)] IPersistentState<JoinCodeState> state)
    : Grain, IJoinCodeGrain
{
    public async Task<bool> TryClaim(string classId)
    {
        if (state.State.ClassId is { } owner)
        {
            return owner == classId;
        }

        state.State.ClassId = classId;
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetClassId() => Task.FromResult(state.State.ClassId);

    public async Task Release(string classId)
    {
        if (state.State.ClassId == classId)
        {
            await state.ClearStateAsync();
            state.State = new JoinCodeState();
        }
    }
}

[GenerateSerializer]
public sealed class JoinCodeState
{
    [Id(0)] public string? ClassId { get; set; }
}
