using System.Collections.Concurrent;

namespace LiveClass.Server.Limits;

/// <summary>
/// Token buckets keyed by a string (an address, a participant, a connection): up to
/// <c>burst</c> at once, refilled at <c>perMinute</c> a minute. A bucket is one number, the time
/// at which it is full again, worked out when its key is next used rather than refilled by a
/// timer: a timer that visits every bucket ten times a second costs more, with thousands of
/// connections, than the limits it keeps.
/// </summary>
public sealed class KeyedTokenBuckets
{
    /// <summary>How often buckets that are full again are dropped; a dropped one comes back full.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _perToken;
    private readonly long _tolerance;
    private readonly long _sweepEvery;
    private long _nextSweep;

    public KeyedTokenBuckets(int perMinute, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time;
        _perToken = Math.Max(1, 60 * time.TimestampFrequency / perMinute);
        _tolerance = _perToken * (burst - 1);
        _sweepEvery = (long)(SweepInterval.TotalSeconds * time.TimestampFrequency);
        _nextSweep = time.GetTimestamp() + _sweepEvery;
    }

    /// <summary>How many keys have a bucket that is not full.</summary>
    public int Count => _buckets.Count;

    /// <summary>Takes a token from <paramref name="key"/>'s bucket; false when it is empty.</summary>
    public bool TryAcquire(string key)
    {
        var now = _time.GetTimestamp();
        SweepIfDue(now);
        var bucket = _buckets.GetOrAdd(key, static (_, now) => new Bucket(now), now);
        while (true)
        {
            var fullAt = Volatile.Read(ref bucket.FullAt);
            var from = Math.Max(fullAt, now);
            if (from - now > _tolerance)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref bucket.FullAt, from + _perToken, fullAt) == fullAt)
            {
                return true;
            }
        }
    }

    private void SweepIfDue(long now)
    {
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _sweepEvery, due) != due)
        {
            return;
        }

        foreach (var (key, bucket) in _buckets)
        {
            // A full bucket is the same as none. A token taken from it in this instant, by a call
            // that found it just before, is given back: at most one per key and sweep.
            if (Volatile.Read(ref bucket.FullAt) <= now)
            {
                _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
            }
        }
    }

    private sealed class Bucket(long fullAt)
    {
        public long FullAt = fullAt;
    }
}
