namespace LiveClass.Domain;

/// <summary>
/// Where a class's events after its stored state are: a silo's journal and the first of its
/// chunks that can hold them. A class whose state names no position has nothing to replay.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed record JournalPosition(string JournalId, long Chunk);
