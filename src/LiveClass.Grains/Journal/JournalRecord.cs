namespace LiveClass.Grains.Journal;

/// <summary>One stored record of a journal, chunk or seal, with the ETag to delete it by.</summary>
public sealed record JournalRecord(long Chunk, bool Sealed, string? ETag);
