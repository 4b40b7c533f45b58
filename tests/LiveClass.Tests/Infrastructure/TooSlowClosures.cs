using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiveClass.Grains.Observability;

namespace LiveClass.Tests.Infrastructure;

/// <summary>Listens to one server's "liveclass.connections.closed_too_slow" counter and keeps the bound of each closure.</summary>
public sealed class TooSlowClosures : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _bounds = new();

    public TooSlowClosures(LiveClassMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "liveclass.connections.closed_too_slow")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "bound")
                {
                    _bounds.Enqueue(tag.Value?.ToString() ?? "");
                }
            }
        });
        _listener.Start();
    }

    public int Count => _bounds.Count;

    public string Single() => Assert.Single(_bounds);

    public void Dispose() => _listener.Dispose();
}
