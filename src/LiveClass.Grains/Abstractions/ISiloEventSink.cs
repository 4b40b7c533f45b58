namespace LiveClass.Grains;

/// <summary>
/// A silo's one entry for the events of every class it has connections in. A silo sends another
/// what all of its class grains have for it in one call, rather than one call per class, so the
/// cost of a cross-silo call is shared by every class with something to deliver at that moment.
/// </summary>
public interface ISiloEventSink : IGrainObserver
{
    /// <summary>Hands each class's events to that class's feed on this silo. It never waits on a connection.</summary>
    Task OnEvents(IReadOnlyList<ClassEventDelivery> deliveries);
}
