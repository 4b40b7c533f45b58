namespace LiveClass.Tests.Grains;

/// <summary>
/// Holds each call made through it until the test lets it go (or fails it), oldest first, and
/// counts the calls made and the most held at once: what the gated bridge and sink share.
/// </summary>
internal sealed class CallGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _held = [];
    private int _inFlight;
    private int _calls;

    public int Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls;
            }
        }
    }

    public int MostInFlight { get; private set; }

    /// <summary>Counts a call, then waits until the test releases or fails it.</summary>
    public async Task HoldAsync()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _calls++;
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

    /// <summary>Fails the oldest held call with <paramref name="exception"/>; false when none is held.</summary>
    public bool FailOne(Exception exception) => FinishOne(gate => gate.SetException(exception));

    /// <summary>Waits until <paramref name="calls"/> calls have been made.</summary>
    public async Task WaitForCallsAsync(int calls)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Calls < calls)
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
