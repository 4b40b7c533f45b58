using LiveClass.Grains.Observability;

namespace LiveClass.Server.Memory;

/// <summary>Reads the delivery count from the silo's meter, which the bridge updates for every event it hands on.</summary>
public sealed class MeteredDeliveryActivity(LiveClassMetrics metrics) : IDeliveryActivity
{
    public long EventsDelivered => metrics.EventsSent;
}
