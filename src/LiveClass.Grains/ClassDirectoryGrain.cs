using LiveClass.Domain;

namespace LiveClass.Grains;

// Read once per instructor join: no reason to stay in memory between joins.
[CollectionAgeLimit(Minutes = 2)]
public sealed class ClassDirectoryGrain(
    [PersistentState("classDirectory", StorageNames.Classes)] IPersistentState<ClassDirectoryState> state)
    : Grain, IClassDirectoryGrain
{
    public async Task Register(string instructorId, string instructorKeyHash)
    {
        if (state.State.InstructorId == instructorId && state.State.InstructorKeyHash == instructorKeyHash)
        {
            return;
        }

        state.State.InstructorId = instructorId;
        state.State.InstructorKeyHash = instructorKeyHash;
        await state.WriteStateAsync();
    }

    public Task<string> VerifyInstructor(string? instructorKey)
    {
        if (state.State.InstructorId is not { } instructorId)
        {
            // A guessed id: nothing to keep in memory for it.
            DeactivateOnIdle();
            throw LiveClassException.NotFound("no class has this id");
        }

        if (string.IsNullOrEmpty(instructorKey) || !Secrets.Matches(instructorKey, state.State.InstructorKeyHash))
        {
            throw LiveClassException.Forbidden("the instructor key is not valid for this class");
        }

        return Task.FromResult(instructorId);
    }

    public async Task Delete()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

[GenerateSerializer]
public sealed class ClassDirectoryState
{
    [Id(0)] public string? InstructorId { get; set; }
    [Id(1)] public string InstructorKeyHash { get; set; } = "";
}
