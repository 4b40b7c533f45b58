namespace LiveClass.Domain;

/// <summary>
/// A sealed run of a class's events, stored once on its own so that the class's state, written on
/// every change, carries only the events since the last seal.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed record LogSegment(long FirstSeq, int Count)
{
    public long LastSeq => FirstSeq + Count - 1;
}
