using LiveClass.Contracts;
using LiveClass.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveClass.Tests.Grains;

/// <summary>
/// The batching of class events per destination silo: one call in flight per silo, what gathers
/// meanwhile goes in the next call, each delivery to another silo completes or fails with the call
/// that carried it, one to this silo's own bridge completes when handed over, and silos never wait
/// on each other.
/// </summary>
public sealed class SiloEventBatcherTests
{
    private static ClassEvent[] Events(params long[] seqs) =>
        seqs.Select(seq => new ClassEvent(seq, seq, ClassEventKind.CueGiven, "instructor")).ToArray();

    [Fact]
    public async Task A_delivery_to_an_idle_silo_goes_at_once_and_those_made_meanwhile_go_together_in_the_next_call()
    {
        var batcher = new SiloEventBatcher();
        var sink = new GatedSink();

        var first = batcher.SendAsync(sink, "a", Events(1));
        await sink.WaitForCallsAsync(1);
        var waiting = new[] { batcher.SendAsync(sink, "b", Events(1, 2)), batcher.SendAsync(sink, "c", Events(7)) };
        await Task.Delay(100);

        Assert.Single(sink.Calls);
        Assert.False(first.IsCompleted);
        Assert.True(sink.ReleaseOne());
        await first;
        await sink.WaitForCallsAsync(2);
        Assert.All(waiting, delivery => Assert.False(delivery.IsCompleted));
        Assert.True(sink.ReleaseOne());
        await Task.WhenAll(waiting);

        Assert.Equal(["a"], sink.Calls[0].Select(d => d.ClassId));
        Assert.Equal(["b", "c"], sink.Calls[1].Select(d => d.ClassId));
        Assert.Equal([1L, 2], sink.Calls[1][0].Events.Select(e => e.Seq));
        Assert.Equal(1, sink.MostInFlight);
    }

    [Fact]
    public async Task A_failed_call_fails_every_delivery_it_carried_and_the_next_delivery_goes_in_a_new_call()
    {
        var batcher = new SiloEventBatcher();
        var sink = new GatedSink();
        var held = batcher.SendAsync(sink, "a", Events(1));
        await sink.WaitForCallsAsync(1);
        var carried = new[] { batcher.SendAsync(sink, "b", Events(1)), batcher.SendAsync(sink, "c", Events(1)) };
        Assert.True(sink.ReleaseOne());
        await held;
        await sink.WaitForCallsAsync(2);

        Assert.True(sink.FailOne());
        foreach (var delivery in carried)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => delivery);
        }

        var retried = batcher.SendAsync(sink, "b", Events(1));
        await sink.WaitForCallsAsync(3);
        Assert.True(sink.ReleaseOne());
        await retried;
        Assert.Equal(["b"], sink.Calls[2].Select(d => d.ClassId));
    }

    [Fact]
    public async Task A_silo_that_does_not_answer_holds_up_only_what_is_bound_for_it()
    {
        var batcher = new SiloEventBatcher();
        var stalled = new GatedSink();
        var healthy = new GatedSink();
        var held = batcher.SendAsync(stalled, "a", Events(1));
        await stalled.WaitForCallsAsync(1);

        for (var seq = 1; seq <= 3; seq++)
        {
            var delivery = batcher.SendAsync(healthy, "a", Events(seq));
            await healthy.WaitForCallsAsync(seq);
            Assert.True(healthy.ReleaseOne());
            await delivery;
        }

        Assert.False(held.IsCompleted);
        Assert.True(stalled.ReleaseOne());
        await held;
    }

    [Fact]
    public async Task A_call_carries_at_most_the_configured_number_of_deliveries()
    {
        var batcher = new SiloEventBatcher { MaxDeliveriesPerCall = 2 };
        var sink = new GatedSink();
        var first = batcher.SendAsync(sink, "first", Events(1));
        await sink.WaitForCallsAsync(1);
        var rest = Enumerable.Range(1, 5).Select(i => batcher.SendAsync(sink, $"class-{i}", Events(1))).ToArray();

        for (var calls = 1; calls <= 4; calls++)
        {
            await sink.WaitForCallsAsync(calls);
            Assert.True(sink.ReleaseOne());
        }

        await first;
        await Task.WhenAll(rest);
        Assert.Equal([1, 2, 2, 1], sink.Calls.Select(c => c.Count));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"class-{i}"), sink.Calls.Skip(1).SelectMany(c => c).Select(d => d.ClassId));
    }

    [Fact]
    public async Task The_fan_outs_of_two_classes_reach_a_silo_in_one_call_and_each_moves_its_own_cursor()
    {
        var batcher = new SiloEventBatcher();
        var sink = new GatedSink();
        var logs = new Dictionary<string, List<ClassEvent>> { ["a"] = [.. Events(1, 2)], ["b"] = [.. Events(1)] };
        var busy = new EventFanOut("busy", (_, _) => Events(1), 8, NullLogger.Instance, batcher: batcher);
        var fanOuts = logs.Keys.ToDictionary(
            classId => classId,
            classId => new EventFanOut(classId, (after, max) => logs[classId].Where(e => e.Seq > after).Take(max).ToList(), 8, NullLogger.Instance, batcher: batcher));

        // One class's delivery holds the silo's call, so the other two gather behind it.
        busy.Subscribe("silo", new RecordingObserver(), lastSeq: null, DateTimeOffset.MaxValue, sink);
        busy.Committed(1);
        await sink.WaitForCallsAsync(1);
        foreach (var (classId, fanOut) in fanOuts)
        {
            fanOut.Subscribe("silo", new RecordingObserver(), lastSeq: null, DateTimeOffset.MaxValue, sink);
            fanOut.Committed(logs[classId][^1].Seq);
        }

        await Task.Delay(100);
        Assert.Equal(0, fanOuts["a"].DeliveredTo("silo"));
        Assert.True(sink.ReleaseOne());
        await sink.WaitForCallsAsync(2);
        Assert.Equal(["a", "b"], sink.Calls[1].Select(d => d.ClassId).Order());
        Assert.True(sink.ReleaseOne());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (fanOuts["a"].DeliveredTo("silo") != 2 || fanOuts["b"].DeliveredTo("silo") != 1)
        {
            await Task.Delay(10, timeout.Token);
        }

        Assert.Equal(2, sink.Calls.Count);
    }

    [Fact]
    public async Task Deliveries_to_this_silos_own_sink_are_handed_to_the_object_behind_it_and_still_go_one_batch_at_a_time()
    {
        var batcher = new SiloEventBatcher();
        var reference = new GatedSink();
        var bridge = new GatedSink();
        var elsewhere = new GatedSink();
        batcher.AddInProcessSink(reference, bridge);

        // Handed over in this process: the class hears at once, while the bridge still holds the batch.
        var first = batcher.SendAsync(reference, "a", Events(1));
        Assert.True(first.IsCompletedSuccessfully);
        await bridge.WaitForCallsAsync(1);
        var gathered = new[] { batcher.SendAsync(reference, "b", Events(1)), batcher.SendAsync(reference, "c", Events(4)) };
        Assert.All(gathered, delivery => Assert.True(delivery.IsCompletedSuccessfully));

        // Another silo's delivery still completes only with the call that carries it.
        var remote = batcher.SendAsync(elsewhere, "a", Events(1));
        await elsewhere.WaitForCallsAsync(1);
        Assert.False(remote.IsCompleted);
        Assert.True(elsewhere.ReleaseOne());
        await remote;

        await Task.Delay(50);
        Assert.Single(bridge.Calls);
        Assert.True(bridge.ReleaseOne());
        await bridge.WaitForCallsAsync(2);
        Assert.True(bridge.ReleaseOne());

        Assert.Empty(reference.Calls);
        Assert.Equal(["b", "c"], bridge.Calls[1].Select(d => d.ClassId));
        Assert.Equal(1, bridge.MostInFlight);
        Assert.Single(elsewhere.Calls);
    }

    [Fact]
    public async Task A_class_moves_its_cursor_for_this_silos_own_bridge_as_it_commits_and_the_bridge_still_gets_every_event_in_order()
    {
        var batcher = new SiloEventBatcher();
        var reference = new GatedSink();
        var bridge = new GatedSink();
        batcher.AddInProcessSink(reference, bridge);
        var log = new List<ClassEvent>();
        var fanOut = new EventFanOut("a", (after, max) => log.Where(e => e.Seq > after).Take(max).ToList(), 8, NullLogger.Instance, batcher: batcher);
        fanOut.Subscribe("here", new RecordingObserver(), lastSeq: null, DateTimeOffset.MaxValue, reference);

        // The bridge holds the first batch; the class's next commits do not wait for it.
        log.AddRange(Events(1));
        fanOut.Committed(1);
        Assert.Equal(1, fanOut.DeliveredTo("here"));
        await bridge.WaitForCallsAsync(1);
        log.AddRange(Events(2, 3));
        fanOut.Committed(3);
        Assert.Equal(3, fanOut.DeliveredTo("here"));

        Assert.True(bridge.ReleaseOne());
        await bridge.WaitForCallsAsync(2);
        Assert.True(bridge.ReleaseOne());
        Assert.Equal([1L, 2, 3], bridge.Calls.SelectMany(call => call).SelectMany(d => d.Events).Select(e => e.Seq));
        Assert.Equal(1, bridge.MostInFlight);
    }

    [Fact]
    public async Task Past_the_hand_over_limit_a_delivery_to_this_silos_own_sink_completes_only_when_delivered()
    {
        var batcher = new SiloEventBatcher { MaxHandedOver = 2 };
        var reference = new GatedSink();
        var bridge = new GatedSink();
        batcher.AddInProcessSink(reference, bridge);

        var first = batcher.SendAsync(reference, "a", Events(1));
        await bridge.WaitForCallsAsync(1);
        var handedOver = new[] { batcher.SendAsync(reference, "b", Events(1)), batcher.SendAsync(reference, "c", Events(1)) };
        var waiting = batcher.SendAsync(reference, "d", Events(1));

        Assert.True(first.IsCompletedSuccessfully);
        Assert.All(handedOver, delivery => Assert.True(delivery.IsCompletedSuccessfully));
        Assert.False(waiting.IsCompleted);
        Assert.True(bridge.ReleaseOne());
        await bridge.WaitForCallsAsync(2);
        Assert.False(waiting.IsCompleted);
        Assert.True(bridge.ReleaseOne());
        await waiting;
        Assert.Equal(["b", "c", "d"], bridge.Calls[1].Select(d => d.ClassId));
    }

    [Fact]
    public async Task A_failure_of_the_in_process_sink_is_logged_fails_only_the_deliveries_that_waited_for_it_and_the_next_batch_still_goes()
    {
        var logger = new RecordingLogger<SiloEventBatcher>();
        var batcher = new SiloEventBatcher(logger) { MaxHandedOver = 1 };
        var reference = new GatedSink();
        var bridge = new GatedSink();
        batcher.AddInProcessSink(reference, bridge);

        // While the bridge holds the first batch, one more is handed over and the one after waits.
        var handedOver = batcher.SendAsync(reference, "a", Events(1));
        await bridge.WaitForCallsAsync(1);
        var queued = batcher.SendAsync(reference, "b", Events(1));
        var waiting = batcher.SendAsync(reference, "c", Events(1));
        Assert.True(bridge.ReleaseOne());
        await bridge.WaitForCallsAsync(2);
        Assert.True(bridge.FailOne());

        await handedOver;
        await queued;
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        var failure = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.IsType<TimeoutException>(failure.Exception);

        var next = batcher.SendAsync(reference, "d", Events(2));
        await bridge.WaitForCallsAsync(3);
        Assert.True(bridge.ReleaseOne());
        await next;
        Assert.Equal(["d"], bridge.Calls[2].Select(d => d.ClassId));
    }
}
