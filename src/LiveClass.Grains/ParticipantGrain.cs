using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Grains;

/// <summary>
/// One family's identity and rejoin tokens. It is needed only while a join or rejoin issues or
/// checks a token, so it leaves memory after each call: a class of hundreds of families would
/// otherwise keep an activation per family for nothing, and the next rejoin reads it back.
/// </summary>
public sealed class ParticipantGrain(
    [PersistentState("participant", StorageNames.Classes)] IPersistentState<ParticipantState> state)
    : Grain, IParticipantGrain
{
    private const int MaxTokens = 50;

    public async Task<string> IssueToken(ParticipantRole role, string displayName)
    {
        var key = this.GetPrimaryKeyString();
        var separator = key.IndexOf('/');
        var secret = Secrets.NewSecret();

        state.State.Role = role;
        state.State.DisplayName = displayName;
        state.State.Revoked = false;
        state.State.TokenHashes.Add(Secrets.Hash(secret));
        if (state.State.TokenHashes.Count > MaxTokens)
        {
            // Earlier tokens stay valid, within reason: the instructor's oldest devices are forgotten first.
            state.State.TokenHashes.RemoveRange(0, state.State.TokenHashes.Count - MaxTokens);
        }

        await state.WriteStateAsync();
        DeactivateOnIdle();
        return new RejoinToken(key[..separator], key[(separator + 1)..], secret).ToString();
    }

    public Task<bool> VerifyToken(string secret)
    {
        DeactivateOnIdle();
        return Task.FromResult(!state.State.Revoked && state.State.TokenHashes.Any(hash => Secrets.Matches(secret, hash)));
    }

    public async Task Revoke()
    {
        state.State.Revoked = true;
        state.State.TokenHashes.Clear();
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public async Task Delete()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

[GenerateSerializer]
public sealed class ParticipantState
{
    [Id(0)] public int Version { get; set; } = 1;
    [Id(1)] public ParticipantRole Role { get; set; }
    [Id(2)] public string DisplayName { get; set; } = "";
    [Id(3)] public List<string> TokenHashes { get; set; } = [];
    [Id(4)] public bool Revoked { get; set; }
}
