using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A silo sink called directly, without Orleans in between, that holds every call until the test
/// lets it go (or fails it), and records what each call carried.
/// </summary>
internal sealed class GatedSink : ISiloEventSink
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _held = [];
    private readonly List<IReadOnlyList<ClassEventDelivery>> _calls = [];
    private int _inFlight;

    public int MostInFlight { get; private set; }

    /// <summary>Every call made so far, in order, each as the deliveries it carried.</summary>
    public IReadOnlyList<IReadOnlyList<ClassEventDelivery>> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToArray();
            }
        }
    }

    public async Task OnEvents(IReadOnlyList<ClassEventDelivery> deliveries)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _calls.Add(deliveries);
            MostInFlight = Math.Max(MostInFlight, ++_inFlight);
            _held.Enqueue(gate);
        }

        try
        {
            await gate.Task;
        }
        finally
        {
            lock (_lock)
            {
                _inFlight--;
            }
        }
    }

    /// <summary>Lets the oldest held call complete; false when none is held.</summary>
    public bool ReleaseOne() => FinishOne(gate => gate.SetResult());

    /// <summary>Fails the oldest held call, as a silo that did not answer would; false when none is held.</summary>
    public bool FailOne() => FinishOne(gate => gate.SetException(new TimeoutException("the silo did not answer")));

    /// <summary>Waits until <paramref name="calls"/> calls have been made.</summary>
    public async Task WaitForCallsAsync(int calls)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Calls.Count < calls)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private bool FinishOne(Action<TaskCompletionSource> finish)
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            _held.TryDequeue(out gate);
        }

        if (gate is null)
        {
            return false;
        }

        finish(gate);
        return true;
    }
}
