using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace LiveClass.Bench.Probe;

/// <summary>Sums every measurement of the Orleans instruments: count, sum and max per instrument.</summary>
internal sealed class MeterAggregator
{
    private readonly ConcurrentDictionary<string, Aggregate> _aggregates = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public MeterAggregator()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                || instrument.Meter.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument, _aggregates.GetOrAdd(instrument.Name, _ => new Aggregate()));
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, state) => ((Aggregate)state!).Add(value));
        _listener.SetMeasurementEventCallback<int>((_, value, _, state) => ((Aggregate)state!).Add(value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, state) => ((Aggregate)state!).Add(value));
        _listener.SetMeasurementEventCallback<float>((_, value, _, state) => ((Aggregate)state!).Add(value));
        _listener.Start();
    }

    public void AppendJson(StringBuilder sb)
    {
        _listener.RecordObservableInstruments();
        sb.Append('{');
        foreach (var (name, aggregate) in _aggregates.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var (count, sum, max, last) = aggregate.Read();
            sb.Append('"').Append(name).Append("\":{\"count\":").Append(count.ToString(CultureInfo.InvariantCulture))
                .Append(",\"sum\":").Append(sum.ToString("0.###", CultureInfo.InvariantCulture))
                .Append(",\"max\":").Append(max.ToString("0.###", CultureInfo.InvariantCulture))
                .Append(",\"last\":").Append(last.ToString("0.###", CultureInfo.InvariantCulture)).Append("},");
        }

        if (sb[^1] == ',')
        {
            sb.Length--;
        }

        sb.Append('}');
    }

    private sealed class Aggregate
    {
        private readonly Lock _lock = new();
        private long _count;
        private double _sum;
        private double _max = double.MinValue;
        private double _last;

        public void Add(double value)
        {
            lock (_lock)
            {
                _count++;
                _sum += value;
                _last = value;
                if (value > _max)
                {
                    _max = value;
                }
            }
        }

        public (long Count, double Sum, double Max, double Last) Read()
        {
            lock (_lock)
            {
                return (_count, _sum, _count == 0 ? 0 : _max, _last);
            }
        }
    }
}
