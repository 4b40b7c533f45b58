using System.Diagnostics.Metrics;
using LiveClass.Grains.Observability;

namespace LiveClass.Tests.Infrastructure;

/// <summary>
/// Reads one server's "liveclass.outbox.depth.max" gauge: the most events any connection's outbox
/// held queued since the last reading. Above zero, some connection's transport made a write wait.
/// </summary>
public sealed class OutboxDepthGauge : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _latest;

    public OutboxDepthGauge(LiveClassMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "liveclass.outbox.depth.max")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, depth, _, _) => _latest = depth);
        _listener.Start();
    }

    /// <summary>The deepest any outbox has been since the last call.</summary>
    public int Read()
    {
        _latest = 0;
        _listener.RecordObservableInstruments();
        return _latest;
    }

    public void Dispose() => _listener.Dispose();
}
