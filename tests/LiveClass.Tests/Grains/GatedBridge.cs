using LiveClass.Contracts;
using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A silo bridge called directly, without Orleans in between, that holds every delivery until the
/// test lets it go: so a second delivery started while one is held is seen, not serialized away.
/// </summary>
internal sealed class GatedBridge : IClassEventObserver
{
    private readonly Lock _lock = new();
    private readonly RecordingObserver _released = new();
    private readonly Queue<TaskCompletionSource> _held = [];
    private int _inFlight;

    public int Calls { get; private set; }

    public int MostInFlight { get; private set; }

    /// <summary>The seqs of every released delivery, in the order they completed.</summary>
    public IReadOnlyList<long> Received => _released.Events.Select(e => e.Seq).ToArray();

    public async Task OnEvents(string classId, IReadOnlyList<ClassEvent> events)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            Calls++;
            MostInFlight = Math.Max(MostInFlight, ++_inFlight);
            _held.Enqueue(gate);
        }

        await gate.Task;
        await _released.OnEvents(classId, events);
        lock (_lock)
        {
            _inFlight--;
        }
    }

    /// <summary>Lets the oldest held delivery complete; false when none is held.</summary>
    public bool ReleaseOne()
    {
        lock (_lock)
        {
            if (!_held.TryDequeue(out var gate))
            {
                return false;
            }

            gate.SetResult();
            return true;
        }
    }

    /// <summary>Waits until <paramref name="calls"/> deliveries have been started.</summary>
    public async Task WaitForCallsAsync(int calls)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Calls < calls)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
