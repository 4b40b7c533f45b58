using System.Collections.Concurrent;
using LiveClass.Contracts;
using Microsoft.Extensions.Logging;

namespace LiveClass.Grains.Sessions;

/// <summary>
/// Gathers what this silo's class grains deliver by the silo it goes to and sends each silo its
/// share in one call, with one call in flight per silo: a delivery to an idle silo goes at once,
/// and those made while a call is out go together in the next. Under load a silo gets one call per
/// round trip carrying every class with something for it, instead of one per class. A delivery completes
/// (or fails) with the call that carried it, so each class's fan-out keeps its cursor and its
/// retries as before; a slow or dead silo holds up only what is bound for it. This silo's own sink,
/// once named by <see cref="AddInProcessSink"/>, is handed its share in this process, still one
/// batch at a time, without a message through Orleans to an observer that lives here anyway; and a
/// delivery to it completes when it is queued (see <see cref="MaxHandedOver"/>).
/// </summary>
/// <param name="logger">Optional: a failure of this silo's own sink is logged, as no class waits for it.</param>
public sealed partial class SiloEventBatcher(ILogger<SiloEventBatcher>? logger = null)
{
    private readonly ConcurrentDictionary<ISiloEventSink, Destination> _destinations = new();
    private readonly ConcurrentDictionary<ISiloEventSink, ISiloEventSink> _inProcess = new();

    /// <summary>The most class deliveries one call carries; the rest go in the next.</summary>
    public int MaxDeliveriesPerCall { get; init; } = 512;

    /// <summary>
    /// While fewer deliveries than this wait for this silo's own sink, a delivery to it completes as
    /// soon as it is queued: the sink lives in this process and takes every batch, so the class
    /// need not wait for its turn to hear that, nor take one more turn for it. With more waiting, a
    /// delivery completes when it is delivered, so that no class runs ahead of a sender that is
    /// behind. Should a batch still fail, its classes' feeds fill the gap from the class log at
    /// their next event, and their bridges' renewals resend from where each bridge is.
    /// </summary>
    public int MaxHandedOver { get; init; } = 512;

    /// <summary>
    /// Names the object behind a reference to this silo's own sink: deliveries sent to that
    /// reference are handed to <paramref name="target"/> directly. An observer call within one
    /// silo still makes a request and a response message, a copy of the arguments and two hops
    /// between threads, for every call.
    /// </summary>
    public void AddInProcessSink(ISiloEventSink reference, ISiloEventSink target) => _inProcess[reference] = target;

    /// <summary>What a delivery to <paramref name="sink"/> calls: the object behind it when it lives in this process.</summary>
    internal ISiloEventSink TargetOf(ISiloEventSink sink) => _inProcess.GetValueOrDefault(sink, sink);

    public Task SendAsync(ISiloEventSink sink, string classId, IReadOnlyList<ClassEvent> events)
    {
        var delivery = new ClassEventDelivery(classId, events);
        while (true)
        {
            var destination = _destinations.GetOrAdd(sink, static (s, self) => new Destination(self, s, self.TargetOf(s)), this);
            if (destination.TryAdd(delivery, out var completion, out var startSending))
            {
                if (startSending)
                {
                    // Off the caller's scheduler, without its execution context: the calls belong to
                    // no grain and outlive any turn.
                    ThreadPool.UnsafeQueueUserWorkItem(destination, preferLocal: false);
                }

                return completion;
            }

            // That destination emptied and retired between the lookup and the add: use a fresh one.
            _destinations.TryRemove(KeyValuePair.Create(sink, destination));
        }
    }

    private async Task SendAllAsync(Destination destination)
    {
        while (destination.TakeNext(MaxDeliveriesPerCall) is { Count: > 0 } batch)
        {
            var deliveries = new ClassEventDelivery[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                deliveries[i] = batch[i].Delivery;
            }

            try
            {
                await destination.Target.OnEvents(deliveries);
                foreach (var pending in batch)
                {
                    pending.Completion?.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                // No class waits for what was handed over: the failure is reported here instead.
                var handedOver = batch.Count(pending => pending.Completion is null);
                if (handedOver > 0 && logger is not null)
                {
                    LogHandedOverFailed(logger, exception, handedOver);
                }

                foreach (var pending in batch)
                {
                    pending.Completion?.TrySetException(exception);
                }
            }
        }

        _destinations.TryRemove(KeyValuePair.Create(destination.Sink, destination));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo's own bridge failed to take {Count} class deliveries; their feeds catch up from the class logs")]
    private static partial void LogHandedOverFailed(ILogger logger, Exception exception, int count);

    /// <summary>A delivery and, when its class waits for it, what completes once it is delivered.</summary>
    private readonly record struct PendingDelivery(ClassEventDelivery Delivery, TaskCompletionSource? Completion);

    /// <summary>What waits for one silo. Once it runs empty it retires, and the next delivery starts a new one.</summary>
    /// <param name="batcher">Whose sender runs for it.</param>
    /// <param name="sink">The silo's sink as the class grains name it.</param>
    /// <param name="target">What is called: the sink, or the object behind it when it lives in this process.</param>
    private sealed class Destination(SiloEventBatcher batcher, ISiloEventSink sink, ISiloEventSink target) : IThreadPoolWorkItem
    {
        private readonly Lock _lock = new();
        private readonly bool _inProcess = !ReferenceEquals(sink, target);
        private List<PendingDelivery> _queued = [];
        private bool _sending;
        private bool _retired;

        public ISiloEventSink Sink { get; } = sink;

        public ISiloEventSink Target { get; } = target;

        /// <summary>
        /// Queues a delivery and says what the caller awaits: a completed task when it is handed over
        /// in this process. <paramref name="startSending"/> tells the caller to start the sender.
        /// False once retired.
        /// </summary>
        public bool TryAdd(ClassEventDelivery delivery, out Task completion, out bool startSending)
        {
            lock (_lock)
            {
                startSending = false;
                if (_retired)
                {
                    completion = Task.CompletedTask;
                    return false;
                }

                var handedOver = _inProcess && _queued.Count < batcher.MaxHandedOver;
                var waiter = handedOver ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queued.Add(new PendingDelivery(delivery, waiter));
                completion = waiter?.Task ?? Task.CompletedTask;
                startSending = !_sending;
                _sending = true;
                return true;
            }
        }

        /// <summary>The next deliveries to send, oldest first; none (and retired) when nothing waits.</summary>
        public List<PendingDelivery> TakeNext(int max)
        {
            lock (_lock)
            {
                if (_queued.Count == 0)
                {
                    _sending = false;
                    _retired = true;
                    return _queued;
                }

                if (_queued.Count <= max)
                {
                    var all = _queued;
                    _queued = [];
                    return all;
                }

                var first = _queued.GetRange(0, max);
                _queued.RemoveRange(0, max);
                return first;
            }
        }

        void IThreadPoolWorkItem.Execute() => _ = batcher.SendAllAsync(this);
    }
}
