using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Grains.Journal;

/// <summary>One committed class event in a silo's journal, with the chat receipt it made, if any.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed record JournalEntry(
    [property: Id(0)] string ClassId,
    [property: Id(1)] ClassEvent Event,
    [property: Id(2)] ChatReceipt? Receipt);
