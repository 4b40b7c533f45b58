using LiveClass.Server.Limits;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Limits;

public sealed class KeyedTokenBucketsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_key_gets_its_burst_at_once_and_then_one_token_per_refill_interval()
    {
        var buckets = new KeyedTokenBuckets(perMinute: 60, burst: 3, _time);

        Assert.Equal([true, true, true, false], Acquire(buckets, "a", 4));

        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(buckets.TryAcquire("a"));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([true, false], Acquire(buckets, "a", 2));
    }

    [Fact]
    public void A_bucket_never_holds_more_than_its_burst()
    {
        var buckets = new KeyedTokenBuckets(perMinute: 600, burst: 2, _time);
        buckets.TryAcquire("a");

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal([true, true, false], Acquire(buckets, "a", 3));
    }

    [Fact]
    public void Keys_have_buckets_of_their_own()
    {
        var buckets = new KeyedTokenBuckets(perMinute: 60, burst: 1, _time);

        Assert.True(buckets.TryAcquire("a"));
        Assert.False(buckets.TryAcquire("a"));
        Assert.True(buckets.TryAcquire("b"));
    }

    [Fact]
    public void Buckets_that_filled_up_again_are_dropped_and_ones_still_refilling_are_kept()
    {
        var buckets = new KeyedTokenBuckets(perMinute: 1, burst: 1, _time);
        Assert.True(buckets.TryAcquire("idle"));
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.True(buckets.TryAcquire("busy"));
        _time.Advance(TimeSpan.FromSeconds(30));

        // This call is due to sweep: "idle" has filled up again, "busy" has not.
        Assert.True(buckets.TryAcquire("new"));

        Assert.Equal(2, buckets.Count);
        Assert.False(buckets.TryAcquire("busy"));
        Assert.True(buckets.TryAcquire("idle"));
    }

    private static bool[] Acquire(KeyedTokenBuckets buckets, string key, int times) =>
        [.. Enumerable.Range(0, times).Select(_ => buckets.TryAcquire(key))];
}
