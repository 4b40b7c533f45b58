using LiveClass.Contracts;
using LiveClass.Grains;

namespace LiveClass.Server.Realtime;

/// <summary>Whom a hub connection acts for, once one of the join calls has succeeded.</summary>
/// <param name="Session">The class's grain, looked up once: Orleans resolves a grain's interface by reflection on every lookup.</param>
public sealed record ConnectionBinding(string ConnectionId, string ClassId, string ParticipantId, ParticipantRole Role, IClassSessionGrain Session)
{
    /// <summary>The family's key across its connections (<see cref="Domain.ParticipantKey"/>), built once rather than on every change it makes.</summary>
    public string ParticipantKey { get; } = Domain.ParticipantKey.For(ClassId, ParticipantId);
}
