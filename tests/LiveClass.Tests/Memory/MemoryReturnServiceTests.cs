using LiveClass.Server.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Memory;

public sealed class MemoryReturnServiceTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly CountedDelivery _delivery = new();

    [Fact]
    public async Task After_a_burst_the_free_memory_goes_back_once_the_server_is_quiet_and_only_once()
    {
        var heap = new ScriptedHeap(_time) { HeapMiB = 50, CommittedMiB = 60 };
        await using var service = await StartAsync(heap, new MemoryReturnOptions { CheckInterval = Check });

        // A burst of joins: the heap grows and the GC commits far more than it ends up using.
        heap.AllocatedMiB += 600;
        heap.HeapMiB = 300;
        heap.CommittedMiB = 460;
        Assert.Equal(0, await ReturnsAfterAsync(heap));

        // Quiet again: the next check gives the free memory back.
        heap.AllocatedMiB += 10;
        Assert.Equal(1, await ReturnsAfterAsync(heap, extraReads: 1));
        Assert.Equal(300, heap.CommittedMiB);

        // Nothing left to reclaim: quiet checks do not collect again.
        Assert.Equal(1, await ReturnsAfterAsync(heap, checks: 3));
    }

    [Fact]
    public async Task A_second_burst_within_the_minimum_interval_waits_for_it()
    {
        var heap = AfterABurst();
        await using var service = await StartAsync(heap, new MemoryReturnOptions { CheckInterval = Check, MinimumInterval = TimeSpan.FromSeconds(30) });

        Assert.Equal(1, await ReturnsAfterAsync(heap, extraReads: 1));

        heap.CommittedMiB = 460;
        Assert.Equal(1, await ReturnsAfterAsync(heap, checks: 5));
        Assert.Equal(2, await ReturnsAfterAsync(heap, extraReads: 1));
    }

    [Fact]
    public async Task While_classes_receive_events_it_waits_for_them_to_stop()
    {
        var heap = AfterABurst();
        await using var service = await StartAsync(heap, new MemoryReturnOptions { CheckInterval = Check });

        // A class in progress: a few events each check, very little allocation.
        for (var i = 0; i < 4; i++)
        {
            _delivery.Delivered += 3;
            Assert.Equal(0, await ReturnsAfterAsync(heap));
        }

        // The last class ended: the next quiet check gives the memory back.
        Assert.Equal(1, await ReturnsAfterAsync(heap, extraReads: 1));
    }

    [Fact]
    public async Task Disabled_it_never_collects()
    {
        var heap = AfterABurst();
        await using var service = await StartAsync(heap, new MemoryReturnOptions { CheckInterval = Check, Enabled = false });

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Check);
        }

        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, heap.Reads);
        Assert.Equal(0, heap.Returns);
    }

    /// <summary>A heap just after a burst: 160 MiB committed beyond what it uses.</summary>
    private ScriptedHeap AfterABurst() => new(_time) { HeapMiB = 300, CommittedMiB = 460 };

    /// <summary>Starts the service on <paramref name="heap"/> and, when it is enabled, waits for its first reading.</summary>
    private async Task<RunningService> StartAsync(ScriptedHeap heap, MemoryReturnOptions options)
    {
        var service = new MemoryReturnService(heap, _delivery, Options.Create(options), _time, NullLogger<MemoryReturnService>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        if (options.Enabled)
        {
            await heap.WaitForReadsAsync(1);
        }

        return new RunningService(service);
    }

    /// <summary>
    /// Lets <paramref name="checks"/> check intervals pass, each read by the service; after the last,
    /// <paramref name="extraReads"/> more (it reads again after giving memory back). Answers how many
    /// times the service has given memory back so far.
    /// </summary>
    private async Task<int> ReturnsAfterAsync(ScriptedHeap heap, int checks = 1, int extraReads = 0)
    {
        for (var check = 1; check <= checks; check++)
        {
            var reads = heap.Reads;
            _time.Advance(Check);
            await heap.WaitForReadsAsync(reads + 1 + (check == checks ? extraReads : 0));
        }

        return heap.Returns;
    }

    /// <summary>Class events delivered so far, as the test sets them.</summary>
    private sealed class CountedDelivery : IDeliveryActivity
    {
        private long _delivered;

        public long Delivered
        {
            get => Interlocked.Read(ref _delivered);
            set => Interlocked.Exchange(ref _delivered, value);
        }

        public long EventsDelivered => Delivered;
    }

    /// <summary>A heap whose readings the test sets, counting what the service asks of it.</summary>
    private sealed class ScriptedHeap(TimeProvider time) : IManagedHeap
    {
        private int _reads;

        public long AllocatedMiB { get; set; }
        public long HeapMiB { get; set; }
        public long CommittedMiB { get; set; }
        public int Reads => Volatile.Read(ref _reads);
        public int Returns { get; private set; }

        public HeapReading Read()
        {
            var reading = new HeapReading(time.GetUtcNow(), AllocatedMiB * MiB, HeapMiB * MiB, CommittedMiB * MiB);
            Interlocked.Increment(ref _reads);
            return reading;
        }

        public void ReturnFreeMemory()
        {
            Returns++;
            CommittedMiB = HeapMiB;
        }

        public int FullCollections => Returns;

        public bool HasIdleExitingBackgroundCollector => false;

        public void StartBackgroundCollection() => throw new InvalidOperationException("the memory return never asks for a background collection");

        public Task WaitForReadsAsync(int count) =>
            Poll.UntilAsync(() => Reads >= count, () => $"the service read the heap {Reads} times, not {count}");
    }
}
