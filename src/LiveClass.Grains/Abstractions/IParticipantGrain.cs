using LiveClass.Contracts;

namespace LiveClass.Grains;

/// <summary>One family (or the instructor) in one class, keyed by <c>{classId}/{participantId}</c>: who they are and their rejoin tokens.</summary>
public interface IParticipantGrain : IGrainWithStringKey
{
    /// <summary>Records the participant if new and issues a fresh rejoin token; earlier tokens stay valid.</summary>
    Task<string> IssueToken(ParticipantRole role, string displayName);

    Task<bool> VerifyToken(string secret);

    /// <summary>Makes every token of this participant invalid, at once.</summary>
    Task Revoke();

    /// <summary>Forgets the participant, once its class is deleted.</summary>
    Task Delete();
}
