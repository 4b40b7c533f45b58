using LiveClass.Contracts;

namespace LiveClass.Server.Realtime;

/// <summary>Whom a hub connection acts for, once one of the join calls has succeeded.</summary>
public sealed record ConnectionBinding(string ConnectionId, string ClassId, string ParticipantId, ParticipantRole Role);
