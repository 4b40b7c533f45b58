using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Grains.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveClass.Tests.Grains;

/// <summary>
/// The fan-out on its own: one delivery at a time to each bridge, retries from its cursor after a
/// failed delivery, and never moves a cursor past undelivered events.
/// </summary>
public sealed class EventFanOutTests
{
    private static readonly DateTimeOffset Forever = DateTimeOffset.MaxValue;

    private static ClassEvent Event(long seq) => new(seq, seq, ClassEventKind.CueGiven, "instructor");

    [Fact]
    public async Task A_bridge_gets_one_delivery_at_a_time_however_often_events_are_committed()
    {
        var log = new List<ClassEvent>();
        var fanOut = new EventFanOut("class", (after, max) => log.Where(e => e.Seq > after).Take(max).ToList(), 8, NullLogger.Instance);
        var bridge = new GatedBridge();
        fanOut.Subscribe("silo", bridge, lastSeq: null, Forever);
        log.Add(Event(1));
        fanOut.Committed(1);
        await bridge.WaitForCallsAsync(1);

        // While the first delivery is held, more events are committed and the bridge renews.
        for (var seq = 2; seq <= 20; seq++)
        {
            log.Add(Event(seq));
            fanOut.Committed(seq);
            fanOut.Subscribe("silo", bridge, lastSeq: null, Forever);
        }

        await Task.Delay(100);
        Assert.Equal(1, bridge.Calls);

        // Each delivery, once let go, is followed by the next: [1], [2..9], [10..17], [18..20].
        for (var calls = 2; calls <= 4; calls++)
        {
            Assert.True(bridge.ReleaseOne());
            await bridge.WaitForCallsAsync(calls);
        }

        Assert.True(bridge.ReleaseOne());
        await Task.Delay(100);
        Assert.False(bridge.ReleaseOne());
        Assert.Equal(4, bridge.Calls);
        Assert.Equal(1, bridge.MostInFlight);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), bridge.Received);
        Assert.Equal(20, fanOut.DeliveredTo("silo"));
    }

    [Fact]
    public async Task After_failed_deliveries_it_retries_from_its_cursor_without_waiting_for_a_renewal()
    {
        var log = Enumerable.Range(1, 30).Select(i => Event(i)).ToList();
        var fanOut = new EventFanOut("class", (after, max) => log.Where(e => e.Seq > after).Take(max).ToList(), 8, NullLogger.Instance, _ => TimeSpan.FromMilliseconds(10));
        var bridge = new FlakyBridge(failures: 3);

        fanOut.Subscribe("silo", bridge, lastSeq: null, Forever);
        fanOut.Committed(30);

        await bridge.WaitForAsync(30);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), bridge.Received.Distinct());
        Assert.Equal(bridge.Received.Distinct(), bridge.Received.Where((seq, i) => i == 0 || seq > bridge.Received[i - 1]));
        Assert.Equal(3, bridge.Failed);
        Assert.Equal(30, fanOut.DeliveredTo("silo"));
    }

    [Fact]
    public async Task A_cursor_never_moves_past_events_it_did_not_deliver()
    {
        // The log holds nothing after seq 2 any more (as if it had been trimmed): nothing to send.
        var fanOut = new EventFanOut("class", (_, _) => [], 8, NullLogger.Instance, _ => TimeSpan.FromMilliseconds(10));
        var bridge = new FlakyBridge(failures: 0);
        fanOut.Reset(2);
        fanOut.Subscribe("silo", bridge, lastSeq: null, Forever);

        fanOut.Committed(10);
        await Task.Delay(200);

        Assert.Empty(bridge.Received);
        Assert.Equal(2, fanOut.DeliveredTo("silo"));
    }

    [Fact]
    public async Task A_bridge_behind_the_log_gets_the_oldest_events_there_are_and_sees_the_gap()
    {
        var log = Enumerable.Range(6, 5).Select(i => Event(i)).ToList();
        var fanOut = new EventFanOut("class", (after, max) => log.Where(e => e.Seq > after).Take(max).ToList(), 8, NullLogger.Instance);
        var bridge = new FlakyBridge(failures: 0);
        fanOut.Reset(2);
        fanOut.Subscribe("silo", bridge, lastSeq: null, Forever);

        fanOut.Committed(10);
        await bridge.WaitForAsync(10);

        Assert.Equal([6L, 7, 8, 9, 10], bridge.Received);
    }

    [Fact]
    public async Task Events_in_the_log_that_are_not_yet_durable_are_not_delivered()
    {
        var log = Enumerable.Range(1, 5).Select(seq => Event(seq)).ToList();
        var fanOut = new EventFanOut("class", (after, max) => log.Where(e => e.Seq > after).Take(max).ToList(), 8, NullLogger.Instance);
        var bridge = new FlakyBridge(failures: 0);
        fanOut.Subscribe("silo", bridge, lastSeq: 0, Forever);

        fanOut.Committed(3);
        await bridge.WaitForAsync(3);
        Assert.Equal([1L, 2, 3], bridge.Received);
        Assert.Equal(3, fanOut.DeliveredTo("silo"));

        fanOut.Committed(5);
        await bridge.WaitForAsync(5);
        Assert.Equal([1L, 2, 3, 4, 5], bridge.Received);
    }

    private sealed class FlakyBridge(int failures) : IClassEventObserver
    {
        private readonly Lock _lock = new();
        private readonly List<long> _received = [];
        private int _failuresLeft = failures;

        public int Failed { get; private set; }

        public IReadOnlyList<long> Received
        {
            get
            {
                lock (_lock)
                {
                    return _received.ToArray();
                }
            }
        }

        public Task OnEvents(string classId, IReadOnlyList<ClassEvent> events)
        {
            lock (_lock)
            {
                if (_failuresLeft > 0)
                {
                    _failuresLeft--;
                    Failed++;
                    return Task.FromException(new TimeoutException("the silo did not answer"));
                }

                _received.AddRange(events.Select(e => e.Seq));
                return Task.CompletedTask;
            }
        }

        public async Task WaitForAsync(long seq)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!Received.Contains(seq))
            {
                await Task.Delay(10, timeout.Token);
            }
        }
    }
}
