using LiveClass.Contracts;

namespace LiveClass.Grains;

/// <summary>One class's next events, in seq order, for a silo; one of many in a call to its <see cref="ISiloEventSink"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ClassEventDelivery(string ClassId, IReadOnlyList<ClassEvent> Events);
