namespace LiveClass.Grains;

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
}

[GenerateSerializer]
public sealed class JoinCodeState
{
    [Id(0)] public string? ClassId { get; set; }
}
