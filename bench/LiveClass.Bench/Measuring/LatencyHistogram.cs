namespace LiveClass.Bench.Measuring;

/// <summary>
/// A lock-free latency histogram: 10 µs buckets up to 100 ms, 1 ms buckets up to 10 s, then one
/// overflow bucket; the exact maximum is kept aside. Many threads record at once.
/// </summary>
public sealed class LatencyHistogram
{
    private const int FineBuckets = 10_000;        // 10 µs each: 0 .. 100 ms
    private const int CoarseBuckets = 9_900;       // 1 ms each: 100 ms .. 10 s
    private readonly long[] _counts = new long[FineBuckets + CoarseBuckets + 1];
    private long _count;
    private long _sumMicros;
    private long _maxMicros;
    private long _negative;

    public long Count => Interlocked.Read(ref _count);

    public void Record(double milliseconds)
    {
        if (milliseconds < 0)
        {
            // Only possible if the clock stepped; counted, and recorded as zero.
            Interlocked.Increment(ref _negative);
            milliseconds = 0;
        }

        var micros = (long)(milliseconds * 1000);
        Interlocked.Increment(ref _counts[BucketOf(micros)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, micros);
        Atomic.Max(ref _maxMicros, micros);
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _sumMicros, 0);
        Interlocked.Exchange(ref _maxMicros, 0);
    }

    public LatencySummary Summarize()
    {
        var counts = _counts.Select(c => Interlocked.Read(ref c)).ToArray();
        var total = counts.Sum();
        if (total == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            total,
            Math.Round(Interlocked.Read(ref _sumMicros) / 1000.0 / total, 3),
            Percentile(counts, total, 0.50),
            Percentile(counts, total, 0.90),
            Percentile(counts, total, 0.99),
            Percentile(counts, total, 0.999),
            Math.Round(Interlocked.Read(ref _maxMicros) / 1000.0, 3),
            Interlocked.Read(ref _negative));
    }

    private static int BucketOf(long micros) =>
        micros < FineBuckets * 10L ? (int)(micros / 10)
        : micros < 10_000_000 ? FineBuckets + (int)((micros - 100_000) / 1000)
        : FineBuckets + CoarseBuckets;

    /// <summary>The upper edge of the bucket that holds the quantile, in ms (a conservative estimate).</summary>
    private static double Percentile(long[] counts, long total, double quantile)
    {
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= rank)
            {
                var upperMicros = bucket < FineBuckets ? (bucket + 1) * 10L : 100_000 + (bucket - FineBuckets + 1) * 1000L;
                return Math.Round(upperMicros / 1000.0, 2);
            }
        }

        return double.NaN;
    }
}

public sealed record LatencySummary(long Count, double Mean, double P50, double P90, double P99, double P999, double Max, long Negative)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
