using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Grains.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveClass.Tests.Grains;

/// <summary>The fan-out on its own: retries from its cursor after a failed delivery, and never moves a cursor past undelivered events.</summary>
public sealed class EventFanOutTests
{
    private static readonly DateTimeOffset Forever = DateTimeOffset.MaxValue;

    private static ClassEvent Event(long seq) => new(seq, seq, ClassEventKind.CueGiven, "instructor");

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
