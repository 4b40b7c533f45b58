using LiveClass.Server.Memory;

namespace LiveClass.Tests.Memory;

public sealed class MemoryReturnPolicyTests
{
    private const long MiB = 1024 * 1024;
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly MemoryReturnOptions _options = new()
    {
        MinimumFreeMiB = 64,
        MinimumFreeShareOfHeap = 0.25,
        QuietAllocationMiBPerSecond = 16,
        MinimumInterval = TimeSpan.FromMinutes(1),
    };

    private static HeapReading At(double seconds, long allocatedMiB, long heapMiB, long committedMiB) =>
        new(T0.AddSeconds(seconds), allocatedMiB * MiB, heapMiB * MiB, committedMiB * MiB);

    [Fact]
    public void A_quiet_server_holding_much_more_than_its_heap_returns_it()
    {
        Assert.True(MemoryReturnPolicy.ShouldReturn(_options, At(0, 5_000, 300, 450), At(5, 5_040, 300, 450), eventsDelivered: 0, lastReturn: null));
    }

    [Fact]
    public void A_server_allocating_faster_than_the_quiet_rate_keeps_its_memory()
    {
        // 17 MiB/s over 5 s: a burst that is still going on needs the room.
        Assert.False(MemoryReturnPolicy.ShouldReturn(_options, At(0, 5_000, 300, 450), At(5, 5_085, 300, 450), eventsDelivered: 0, lastReturn: null));
    }

    [Fact]
    public void Too_little_to_reclaim_is_not_worth_the_pause()
    {
        // 63 MiB is under the minimum; 70 MiB is over it but under a quarter of a 300 MiB heap.
        Assert.False(MemoryReturnPolicy.ShouldReturn(_options, At(0, 0, 100, 163), At(5, 0, 100, 163), eventsDelivered: 0, lastReturn: null));
        Assert.False(MemoryReturnPolicy.ShouldReturn(_options, At(0, 0, 300, 370), At(5, 0, 300, 370), eventsDelivered: 0, lastReturn: null));
        Assert.True(MemoryReturnPolicy.ShouldReturn(_options, At(0, 0, 300, 375), At(5, 0, 300, 375), eventsDelivered: 0, lastReturn: null));
    }

    [Fact]
    public void Returns_are_at_least_the_minimum_interval_apart()
    {
        var previous = At(55, 0, 300, 450);

        Assert.False(MemoryReturnPolicy.ShouldReturn(_options, previous, At(59.9, 0, 300, 450), eventsDelivered: 0, lastReturn: T0));
        Assert.True(MemoryReturnPolicy.ShouldReturn(_options, previous, At(60, 0, 300, 450), eventsDelivered: 0, lastReturn: T0));
    }

    [Fact]
    public void A_server_delivering_class_events_keeps_its_memory_however_little_it_allocates()
    {
        // The full collection would stall every class in progress for its whole pause.
        Assert.False(MemoryReturnPolicy.ShouldReturn(_options, At(0, 5_000, 300, 450), At(5, 5_001, 300, 450), eventsDelivered: 1, lastReturn: null));
    }

    [Fact]
    public void Readings_out_of_order_decide_nothing()
    {
        Assert.False(MemoryReturnPolicy.ShouldReturn(_options, At(5, 0, 300, 450), At(5, 0, 300, 450), eventsDelivered: 0, lastReturn: null));
        Assert.False(MemoryReturnPolicy.ShouldReturn(_options, At(5, 0, 300, 450), At(0, 0, 300, 450), eventsDelivered: 0, lastReturn: null));
    }
}
