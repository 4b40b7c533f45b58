using LiveClass.Server.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Memory;

public sealed class BackgroundGcKeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task With_no_gen_2_collection_for_the_interval_it_starts_one_in_the_background_and_again_after_the_next()
    {
        var heap = new CountingHeap();
        await using var service = await StartAsync(heap, new BackgroundGcKeepAliveOptions { Interval = Interval });

        await SecondsPassAsync(heap, 14);
        Assert.Equal(0, heap.Started);

        await SecondsPassAsync(heap, 1);
        Assert.Equal(1, heap.Started);

        await SecondsPassAsync(heap, 14);
        Assert.Equal(1, heap.Started);
        await SecondsPassAsync(heap, 1);
        Assert.Equal(2, heap.Started);
    }

    [Fact]
    public async Task While_gen_2_collections_come_on_their_own_it_starts_none()
    {
        var heap = new CountingHeap();
        await using var service = await StartAsync(heap, new BackgroundGcKeepAliveOptions { Interval = Interval });

        for (var i = 0; i < 6; i++)
        {
            await SecondsPassAsync(heap, 10);
            heap.Collections++;
        }

        Assert.Equal(0, heap.Started);

        // The service sees the last one at its next look, 1 s from now, and starts one 15 s after that.
        await SecondsPassAsync(heap, 15);
        Assert.Equal(0, heap.Started);
        await SecondsPassAsync(heap, 1);
        Assert.Equal(1, heap.Started);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task With_the_server_gc_or_turned_off_it_leaves_the_gc_alone(bool enabled, bool idleExitingCollector)
    {
        var heap = new CountingHeap { HasIdleExitingBackgroundCollector = idleExitingCollector };
        var service = new BackgroundGcKeepAlive(heap, Options.Create(new BackgroundGcKeepAliveOptions { Enabled = enabled, Interval = Interval }), _time, NullLogger<BackgroundGcKeepAlive>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        await using var running = new RunningService(service);

        // It has nothing to wait for: its work ends at once, having read nothing.
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, heap.Reads);
        Assert.Equal(0, heap.Started);
    }

    /// <summary>Starts the service and waits for its first look at the collection count.</summary>
    private async Task<RunningService> StartAsync(CountingHeap heap, BackgroundGcKeepAliveOptions options)
    {
        var service = new BackgroundGcKeepAlive(heap, Options.Create(options), _time, NullLogger<BackgroundGcKeepAlive>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        await heap.WaitForReadsAsync(1);
        return new RunningService(service);
    }

    /// <summary>Lets <paramref name="seconds"/> check periods pass, each one read by the service.</summary>
    private async Task SecondsPassAsync(CountingHeap heap, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            var reads = heap.Reads;
            _time.Advance(BackgroundGcKeepAlive.CheckPeriod);
            await heap.WaitForReadsAsync(reads + 1);
        }
    }

    /// <summary>A heap whose gen-2 count the test sets; a started background collection adds one.</summary>
    private sealed class CountingHeap : IManagedHeap
    {
        private int _reads;
        private int _collections;
        private int _started;

        public int Reads => Volatile.Read(ref _reads);
        public int Started => Volatile.Read(ref _started);

        public int Collections
        {
            get => Volatile.Read(ref _collections);
            set => Volatile.Write(ref _collections, value);
        }

        public int FullCollections
        {
            get
            {
                // Read after the count: a test that sees the read also sees what the service saw.
                var collections = Collections;
                Interlocked.Increment(ref _reads);
                return collections;
            }
        }

        public bool HasIdleExitingBackgroundCollector { get; init; } = true;

        public void StartBackgroundCollection()
        {
            Interlocked.Increment(ref _started);
            Interlocked.Increment(ref _collections);
        }

        public HeapReading Read() => throw new InvalidOperationException("the keep-alive reads only the collection count");

        public void ReturnFreeMemory() => throw new InvalidOperationException("the keep-alive never returns memory");

        public Task WaitForReadsAsync(int count) =>
            Poll.UntilAsync(() => Reads >= count, () => $"the service read the collection count {Reads} times, not {count}");
    }
}
